package io.trays3.client;

import java.util.Map;

import io.trays3.Trays3Component;
import io.trays3.Trays3ServiceException;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How trays3 builds (or borrows) its clients, against the real server. */
class ClientOptionsTest extends S3TestSupport {

    @Test
    void usesAnS3ClientBeanFromTheRegistryAndNeverClosesIt() {
        S3Client bean = target.newClient();
        CamelContext other = new DefaultCamelContext();
        try {
            other.getRegistry().bind("myS3", bean);
            // no endpoint or credentials at all: everything comes from the bean, found by type
            other.start();
            Object result = other.createProducerTemplate()
                    .requestBody("trays3:putObjectText?bucket=" + bucket + "&key=via-bean.txt", "from the bean");
            var endpoint = other.getEndpoint("trays3:putObjectText?bucket=" + bucket + "&key=via-bean.txt",
                                             io.trays3.Trays3Endpoint.class);

            assertThat(map(result).get("Key")).isEqualTo("via-bean.txt");
            assertThat(endpoint.getClients().ownsS3Client()).isFalse();
            assertThat(endpoint.getClients().s3()).isSameAs(bean);
        } finally {
            other.stop();
        }
        // still usable after the context stopped: trays3 did not close what it did not build
        assertThat(bean.getObjectAsBytes(g -> g.bucket(bucket).key("via-bean.txt")).asUtf8String()).isEqualTo("from the bean");
        bean.close();
    }

    @Test
    void theClientTrays3BuiltIsClosedWhenTheEndpointStops() {
        call("trays3:listBuckets");
        var endpoint = context.getEndpoint("trays3:listBuckets", io.trays3.Trays3Endpoint.class);
        S3Client built = endpoint.getClients().s3();
        assertThat(endpoint.getClients().ownsS3Client()).isTrue();

        context.stop();

        // refused by the closed client: its connection pool is shut (IllegalStateException) or, with an attempt timeout,
        // its timer is (RejectedExecutionException)
        assertThatThrownBy(() -> built.listBuckets()).as("a call on the closed client")
                .isInstanceOfAny(IllegalStateException.class, java.util.concurrent.RejectedExecutionException.class);
        assertThatThrownBy(endpoint::getClients).hasMessageContaining("is not started");
    }

    @Test
    void checksumAndChunkingOptionsForStrictS3CompatibleServers() {
        Object result = call("trays3:putObjectText?bucket=" + bucket + "&key=strict.txt&requestChecksumCalculation=WHEN_REQUIRED"
                             + "&responseChecksumValidation=WHEN_REQUIRED&chunkedEncodingEnabled=false", "plain body",
                             Map.of());

        assertThat(map(result).get("ETag")).isNotNull();
        assertThat(readObject("strict.txt")).isEqualTo("plain body");
    }

    @Test
    void aWrongSecretIsASignatureErrorThatDoesNotRevealTheSecret() {
        assumeTrue(target.checksCredentials(), target.name() + " accepts any credentials");
        String wrongSecret = "definitely-wrong-secret-Q7";

        Throwable thrown = catchThrowable(() -> call("trays3:listBucketObjects?bucket=" + bucket + "&secretKey=RAW("
                                                     + wrongSecret + ")", null, Map.of()));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class);
        Trays3ServiceException error = (Trays3ServiceException) thrown.getCause();
        assertThat(error.getStatusCode()).isEqualTo(403);
        assertThat(error.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(error.getMessage()).doesNotContain(wrongSecret).doesNotContain(target.secretKey())
                .doesNotContain("Signature=");
    }

    @Test
    void anAccessKeyWithoutASecretKeyFailsAtStartNamingBothOptions() {
        CamelContext other = new DefaultCamelContext();
        try {
            Trays3Component component = new Trays3Component();
            component.getConfiguration().setEndpointOverride(target.endpoint().toString());
            component.getConfiguration().setAccessKey("AKIAONLY");
            other.addComponent("trays3", component);
            other.start();

            assertThatThrownBy(() -> other.createProducerTemplate().requestBody("trays3:listBuckets", (Object) null))
                    .rootCause().hasMessageContaining("'accessKey' and 'secretKey' go together")
                    .hasMessageContaining("only accessKey");
        } finally {
            other.stop();
        }
    }
}
