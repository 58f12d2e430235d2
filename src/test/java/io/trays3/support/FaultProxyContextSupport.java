package io.trays3.support;

import java.io.IOException;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
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
