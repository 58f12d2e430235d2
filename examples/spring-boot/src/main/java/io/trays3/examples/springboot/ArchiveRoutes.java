package io.trays3.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Two routes that name no bucket and no connection: the bucket and the content type are the trays3 component options
 * of application.yaml (camel.component.trays3.*), the S3 client is the application's S3Client bean, autowired.
 */
@Component
public class ArchiveRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:archive").routeId("archive")
                .to("trays3:putObjectText");
        // the content is read inside the route: it is closed when the exchange completes
        from("direct:fetch").routeId("fetch")
                .to("trays3:getObject")
                .convertBodyTo(String.class);
    }
}
