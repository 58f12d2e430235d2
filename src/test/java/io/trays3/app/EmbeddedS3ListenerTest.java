package io.trays3.app;

import java.net.URI;
import java.nio.file.Path;

import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the application's Camel Main configures the trays3 component from the real application.properties,
 * with the embedded server and without it (the routes are built but not started: no S3 request is made).
 */
class EmbeddedS3ListenerTest {

    @TempDir
    Path temp;

    private EmbeddedS3Listener embedded;
    private Main main;

    @AfterEach
    void stop() throws Exception {
        try {
            if (main != null) {
                main.stop();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @Test
    void theEmbeddedServerStartsBeforeTheRoutesWithTheDemoBucketsAndTrays3PointsAtIt() throws Exception {
        CamelContext context = init("true");

        URI endpoint = embedded.endpoint().orElseThrow(() -> new AssertionError("the embedded server did not start"));
        Trays3Configuration trays3 = context.getComponent("trays3", Trays3Component.class).getConfiguration();
        assertThat(trays3.getEndpointOverride()).isEqualTo(endpoint.toString());
        assertThat(trays3.isForcePathStyle()).isTrue();
        assertThat(trays3.getRegion()).isEqualTo("us-east-1");
        assertThat(trays3.getAccessKey()).isEqualTo(property(context, "trays3.embedded.access-key"));
        assertThat(trays3.getSecretKey()).isEqualTo(property(context, "trays3.embedded.secret-key"));
        // the example routes no longer use camel-aws2-s3: the application configures no such component
        assertThat(context.hasComponent("aws2-s3")).isNull();

        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(trays3.getAccessKey(),
                        trays3.getSecretKey())))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactlyInAnyOrder(
                    property(context, "demo.reports-bucket"), property(context, "demo.archive-bucket"),
                    property(context, "demo.scratch-bucket"), property(context, "demo.incoming-bucket"));
        }
    }

    @Test
    void withoutTheEmbeddedServerTheEmptyConnectionSettingsMeanAwsAndTheDefaultCredentialsChain() throws Exception {
        for (String name : new String[] {"TRAYS3_ENDPOINT", "TRAYS3_REGION", "TRAYS3_ACCESS_KEY", "TRAYS3_SECRET_KEY",
                                         "TRAYS3_FORCE_PATH_STYLE"}) {
            assumeTrue(System.getenv(name) == null, name + " is set in this environment");
        }
        CamelContext context = init("false");

        assertThat(embedded.endpoint()).isEmpty();
        Trays3Configuration trays3 = context.getComponent("trays3", Trays3Component.class).getConfiguration();
        assertThat(trays3.hasEndpointOverride()).as("endpointOverride '%s' set", trays3.getEndpointOverride()).isFalse();
        assertThat(trays3.isRegionAuto()).isTrue();
        assertThat(trays3.getAccessKey()).isNullOrEmpty();
        assertThat(trays3.getSecretKey()).isNullOrEmpty();
        assertThat(trays3.isForcePathStyle()).isFalse();
    }

    private CamelContext init(String enabled) {
        embedded = new EmbeddedS3Listener();
        main = Trays3Application.newMain(embedded);
        main.addOverrideProperty("trays3.embedded.enabled", enabled);
        main.addOverrideProperty("trays3.embedded.port", "0");
        main.addOverrideProperty("trays3.embedded.data-dir", temp.resolve("data").toString());
        main.addOverrideProperty("demo.dir", temp.resolve("demo").toString());
        main.init();
        return main.getCamelContext();
    }

    private static String property(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }
}
