package io.trays3.examples.springboot;

import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds camel.component.trays3.* of application.yaml to the trays3 component. camel-spring-boot binds
 * camel.component.NAME.* only for the components that have a Spring Boot starter (each starter carries a generated
 * configuration class for it); trays3 has none, so without this bean those properties would be ignored. This is what
 * such a starter would do: Spring Boot binds the options (relaxed names: content-type or contentType) onto the
 * component's configuration, and Camel finds the component bean by its name, trays3. Camel still autowires the
 * S3Client bean into it.
 */
@Configuration
public class Trays3ComponentConfiguration {

    @Bean
    @ConfigurationProperties(prefix = "camel.component.trays3")
    public Trays3Configuration trays3Configuration() {
        return new Trays3Configuration();
    }

    @Bean(name = "trays3")
    public Trays3Component trays3(Trays3Configuration trays3Configuration) {
        Trays3Component component = new Trays3Component();
        component.setConfiguration(trays3Configuration);
        return component;
    }
}
