package io.trays3.operation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Why trays3 refuses keys with {@code .} or {@code ..} segments (README, "Keys with . or .. segments"): the plain SDK
 * sends and signs them as they are, and URL normalisation (RFC 3986, as browsers, curl and java.net.URI apply it) turns
 * the path into another key's. Should the SDK ever encode them, the first test fails and the decision can be revisited.
 */
class DotSegmentKeysStubTest extends StubContextSupport {

    private static final StaticCredentialsProvider KEYS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTUB", "stub-secret"));

    @Test
    void theSdkSendsAndSignsDotSegmentsAsTheyAreAndNormalisationNamesAnotherKey() throws Exception {
        stub = StubS3Server.answering(204, "");
        try (S3Client s3 = S3Client.builder().endpointOverride(stub.endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(KEYS).build();
             S3Presigner presigner = S3Presigner.builder().endpointOverride(stub.endpoint()).region(Region.US_EAST_1)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .credentialsProvider(KEYS).build()) {
            s3.deleteObject(d -> d.bucket("stub-bucket").key("reports/../secret.txt"));
            URI signed = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket("stub-bucket").key("reports/../secret.txt"))).url().toURI();

            assertThat(stub.requests()).containsExactly("DELETE /stub-bucket/reports/../secret.txt");
            assertThat(signed.getRawPath()).isEqualTo("/stub-bucket/reports/../secret.txt");
            assertThat(signed.normalize().getRawPath()).as("what a normalising client fetches")
                    .isEqualTo("/stub-bucket/secret.txt");
        }
    }

    @Test
    void trays3RefusesThemBeforeAnyRequestAndTakesOtherDots() throws Exception {
        stub = StubS3Server.answering(204, "");
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
        for (String key : new String[] {"reports/../secret.txt", "..", ".", "./x", "a/.", "a/./b"}) {
            Throwable thrown = catchThrowable(() -> context.createProducerTemplate().requestBodyAndHeaders(
                    "trays3:deleteObject?bucket=stub-bucket", null, Map.of(Trays3Constants.KEY, key)));

            assertThat(thrown).as(key).isInstanceOf(CamelExecutionException.class);
            assertThat(thrown.getCause()).as(key).isInstanceOf(Trays3InvalidInputException.class)
                    .hasMessageContaining("trays3 deleteObject: header CamelTrays3Key value '" + key + "' has a '")
                    .hasMessageContaining("path segment");
        }
        assertThat(stub.requests()).as("no request was sent").isEmpty();

        for (String key : new String[] {"...", ".hidden/x", "x./y..", "..x"}) {
            context.createProducerTemplate().requestBodyAndHeaders("trays3:deleteObject?bucket=stub-bucket", null,
                    Map.of(Trays3Constants.KEY, key));
        }
        assertThat(stub.requests()).containsExactly("DELETE /stub-bucket/...", "DELETE /stub-bucket/.hidden/x",
                                                    "DELETE /stub-bucket/x./y..", "DELETE /stub-bucket/..x");
    }
}
