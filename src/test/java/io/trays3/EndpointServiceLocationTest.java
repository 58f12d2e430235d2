package io.trays3;

import java.net.URI;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointServiceLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Where an endpoint says it connects, as Camel's topology and tracing read it. */
class EndpointServiceLocationTest {

    private CamelContext context;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
        context.addComponent("trays3", new Trays3Component());
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void anEndpointOverrideIsTheServiceUrl() {
        EndpointServiceLocation location = location("trays3:headObject?bucket=reports&endpointOverride=http://minio:9000"
                                                    + "&region=eu-west-1");

        assertThat(location.getServiceUrl()).isEqualTo("http://minio:9000");
        assertThat(location.getServiceProtocol()).isEqualTo("s3");
        assertThat(location.getServiceMetadata()).isEqualTo(Map.of("region", "eu-west-1", "bucket", "reports"));
    }

    @Test
    void onAwsTheRegionsS3EndpointWithRegionAutoUsEast1s() {
        assertThat(location("trays3:listBuckets?region=eu-west-1").getServiceUrl())
                .isEqualTo("https://s3.eu-west-1.amazonaws.com");
        EndpointServiceLocation auto = location("trays3:listBuckets");
        assertThat(URI.create(auto.getServiceUrl()).getHost()).endsWith(".amazonaws.com").startsWith("s3.");
        assertThat(auto.getServiceMetadata()).isEqualTo(Map.of("region", "auto"));
    }

    @Test
    void anS3ClientBeanSaysWhereItConnects() {
        try (S3Client bean = S3Client.builder().region(Region.AP_SOUTHEAST_2)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            context.getRegistry().bind("myS3", bean);
            EndpointServiceLocation location = location("trays3:listBuckets?s3Client=#myS3");

            assertThat(location.getServiceUrl()).isEqualTo("https://s3.ap-southeast-2.amazonaws.com");
            assertThat(location.getServiceMetadata()).containsEntry("region", "ap-southeast-2");
        }
    }

    private EndpointServiceLocation location(String uri) {
        return context.getEndpoint(uri, Trays3Endpoint.class);
    }
}
