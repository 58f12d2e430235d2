package io.trays3.examples.plain;

import java.net.URI;
import java.util.Properties;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the example's main against S3Proxy, an S3 server in this JVM, and checks the object with a plain S3 client. */
class PlainJavaExampleTest {

    private static final String ACCESS_KEY = "plain-java-example";
    private static final String SECRET_KEY = "plain-java-example-secret";
    private static final String BUCKET = "trays3-example";

    private static BlobStore store;
    private static S3Proxy proxy;
    private static URI endpoint;

    @BeforeAll
    static void startS3() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
        properties.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
        store = BlobStores.create("transient", properties);
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).ignoreUnknownHeaders(true).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        store.createContainer(BUCKET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
        store.close();
    }

    @Test
    void theMainPutsAnObjectAndReadsItBack() throws Exception {
        System.setProperty("S3_ENDPOINT", endpoint.toString());
        System.setProperty("S3_ACCESS_KEY", ACCESS_KEY);
        System.setProperty("S3_SECRET_KEY", SECRET_KEY);
        System.setProperty("S3_BUCKET", BUCKET);
        try {
            PlainJavaExample.main(new String[] {"examples/from-main.txt"});
        } finally {
            System.clearProperty("S3_ENDPOINT");
            System.clearProperty("S3_ACCESS_KEY");
            System.clearProperty("S3_SECRET_KEY");
            System.clearProperty("S3_BUCKET");
        }

        try (S3Client s3 = client()) {
            assertEquals("Hello from a plain Java main, through trays3.",
                         s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("examples/from-main.txt")).asUtf8String());
            assertTrue(s3.headObject(h -> h.bucket(BUCKET).key("examples/from-main.txt")).contentType().startsWith("text/plain"));
        }
    }

    @Test
    void theRoundTripReturnsWhatWasPut() throws Exception {
        PlainJavaExample.Settings settings = new PlainJavaExample.Settings(endpoint.toString(), ACCESS_KEY, SECRET_KEY, BUCKET,
                                                                           "auto");

        assertEquals("ünïcödé text", PlainJavaExample.roundTrip(settings, "examples/unicode.txt", "ünïcödé text"));
    }

    private static S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }
}
