package io.trays3.examples.springboot;

import java.net.URI;
import java.util.Properties;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import org.springframework.test.context.DynamicPropertyRegistry;

/** S3Proxy, an S3 server in the test JVM on a free port, with the example's bucket; started once, stopped at exit. */
final class TestS3Server {

    static final String ACCESS_KEY = "spring-boot-example";
    static final String SECRET_KEY = "spring-boot-example-secret/+";
    static final String BUCKET = "trays3-example";

    private static URI endpoint;

    private TestS3Server() {
    }

    /** Points the application's example.s3.* properties and its bucket at the server. */
    static void register(DynamicPropertyRegistry registry) {
        URI uri = endpoint();
        registry.add("example.s3.endpoint", uri::toString);
        registry.add("example.s3.access-key", () -> ACCESS_KEY);
        registry.add("example.s3.secret-key", () -> SECRET_KEY);
        registry.add("example.s3.region", () -> "us-east-1");
        registry.add("S3_BUCKET", () -> BUCKET);
    }

    static synchronized URI endpoint() {
        if (endpoint == null) {
            try {
                Properties properties = new Properties();
                properties.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
                properties.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
                BlobStore store = BlobStores.create("transient", properties);
                S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .ignoreUnknownHeaders(true).build();
                proxy.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("S3Proxy did not start within 30 s");
                    }
                    Thread.sleep(10);
                }
                store.createContainer(BUCKET);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        proxy.stop();
                        store.close();
                    } catch (Exception e) {
                        // the JVM is exiting
                    }
                }));
                endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            } catch (Exception e) {
                throw new IllegalStateException("could not start S3Proxy", e);
            }
        }
        return endpoint;
    }
}
