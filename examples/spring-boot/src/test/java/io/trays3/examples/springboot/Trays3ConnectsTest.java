package io.trays3.examples.springboot;

import java.util.Map;

import io.trays3.Trays3Component;
import io.trays3.Trays3Constants;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile trays3-connects: no S3Client bean; trays3 connects by itself from the connection options of
 * application-trays3-connects.yaml (endpoint-override, force-path-style, region, access-key, secret-key).
 */
@SpringBootTest
@ActiveProfiles("trays3-connects")
class Trays3ConnectsTest {

    @Autowired
    private ApplicationContext spring;
    @Autowired
    private CamelContext camel;
    @Autowired
    private ProducerTemplate template;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        TestS3Server.register(registry);
    }

    @Test
    void theConnectionOptionsOfApplicationYamlReachTheComponent() {
        Trays3Component trays3 = camel.getComponent("trays3", Trays3Component.class);

        assertThat(spring.getBeanNamesForType(S3Client.class)).as("S3Client beans").isEmpty();
        assertThat(trays3.getConfiguration().getS3Client()).isNull();
        assertThat(trays3.getConfiguration().getEndpointOverride()).isEqualTo(TestS3Server.endpoint().toString());
        assertThat(trays3.getConfiguration().isForcePathStyle()).isTrue();
        assertThat(trays3.getConfiguration().getSecretKey()).isEqualTo(TestS3Server.SECRET_KEY);
    }

    @Test
    void anObjectPutThroughTheRoutesIsThereAndReadsBack() {
        template.requestBodyAndHeaders("direct:archive", "# Notes\ntrays3 connected", Map.of(Trays3Constants.KEY,
                                                                                          "notes/own-client.md"));
        String back = template.requestBodyAndHeader("direct:fetch", null, Trays3Constants.KEY, "notes/own-client.md",
                                                    String.class);

        assertThat(back).isEqualTo("# Notes\ntrays3 connected");
        try (S3Client s3 = S3Client.builder().endpointOverride(TestS3Server.endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestS3Server.ACCESS_KEY, TestS3Server.SECRET_KEY))).build()) {
            assertThat(s3.getObjectAsBytes(g -> g.bucket(TestS3Server.BUCKET).key("notes/own-client.md")).asUtf8String())
                    .isEqualTo("# Notes\ntrays3 connected");
        }
    }
}
