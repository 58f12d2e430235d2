package io.trays3.support;

import java.io.IOException;
import java.util.function.Consumer;

import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Tests through the fault proxy: S3Proxy behind a {@link FaultProxy}, a fresh bucket per test (reached directly by
 * {@link #s3}), and the Camel context the test builds; all stopped and removed after each test.
 */
public abstract class FaultProxyContextSupport {

    protected final S3Target target = S3ProxyTarget.get();
    protected FaultProxy proxy;
    protected S3Client s3;
    protected String bucket;
    protected CamelContext context;
    protected ProducerTemplate template;

    @BeforeEach
    void startProxyAndBucket() throws IOException {
        proxy = FaultProxy.start(target.endpoint());
        s3 = target.newClient();
        bucket = S3Target.createBucket(s3, false);
    }

    /**
     * Starts {@link #context} with a trays3 component that reaches S3Proxy through the proxy, with these component
     * options and routes, and sets {@link #template}.
     */
    protected void startCamel(Consumer<Trays3Configuration> options, RoutesBuilder... routes) throws Exception {
        context = new DefaultCamelContext();
        Trays3Component component = new Trays3Component();
        target.configure(component.getConfiguration());
        component.getConfiguration().setEndpointOverride(proxy.endpoint().toString());
        options.accept(component.getConfiguration());
        context.addComponent("trays3", component);
        for (RoutesBuilder route : routes) {
            context.addRoutes(route);
        }
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopContextProxyAndBucket() throws IOException {
        try {
            if (context != null) {
                context.stop();
            }
            proxy.close();
            S3Target.deleteBucket(s3, bucket);
        } finally {
            s3.close();
        }
    }
}
