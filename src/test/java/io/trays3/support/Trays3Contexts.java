package io.trays3.support;

import java.net.URI;
import java.util.function.Consumer;

import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** Camel contexts for tests whose trays3 component points at a given server (a stub, or the test's S3 server). */
public final class Trays3Contexts {

    private Trays3Contexts() {
    }

    /**
     * A started context with the trays3 component on {@code endpoint} (path-style addressing); {@code setup} adds the
     * credentials and any other option. The caller stops it.
     */
    public static CamelContext pointedAt(URI endpoint, Consumer<Trays3Configuration> setup) {
        CamelContext context = new DefaultCamelContext();
        Trays3Component component = new Trays3Component();
        component.getConfiguration().setEndpointOverride(endpoint.toString());
        component.getConfiguration().setForcePathStyle(true);
        setup.accept(component.getConfiguration());
        context.addComponent("trays3", component);
        context.start();
        return context;
    }

    /** Static keys. */
    public static Consumer<Trays3Configuration> keys(String accessKey, String secretKey) {
        return configuration -> {
            configuration.setAccessKey(accessKey);
            configuration.setSecretKey(secretKey);
        };
    }
}
