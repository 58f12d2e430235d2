package io.trays3.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.trays3.Trays3Component;
import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.Trays3Contexts;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries are the attempts beyond each call's first: counted by trays3's interceptor on the clients it builds, and from
 * the SDK's RETRY_COUNT on an S3Client bean of the user's.
 */
class RetriesStubTest extends StubContextSupport {

    @Test
    void aRequestTheSdkRetriedCountsItsRetriesAndOneRequest() throws Exception {
        stub = failingFirst(1);
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));

        Trays3Metrics.Snapshot head = headObject(2);

        assertThat(head.requests()).as("one request, whatever its attempts").isEqualTo(1);
        assertThat(head.retries()).isEqualTo(1);
        assertThat(head.errors()).isEmpty();
    }

    @Test
    void requestsAnsweredAtOnceCountNoRetriesAndTheCountsDoNotCarryOver() throws Exception {
        stub = failingFirst(2);
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));

        headObject(3);
        Trays3Metrics.Snapshot head = headObject(4);

        assertThat(head.requests()).isEqualTo(2);
        assertThat(head.retries()).as("two retries of the first request, none of the second").isEqualTo(2);
    }

    @Test
    void anS3ClientBeanOfTheUsersStillHasItsRetriesCounted() throws Exception {
        stub = failingFirst(2);
        try (S3Client bean = S3Client.builder().endpointOverride(stub.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTUB", "stub-secret")))
                .build()) {
            context = Trays3Contexts.pointedAt(stub.endpoint(), c -> c.setS3Client(bean));

            Trays3Metrics.Snapshot head = headObject(3);

            assertThat(head.requests()).isEqualTo(1);
            assertThat(head.retries()).as("from the SDK's RETRY_COUNT").isEqualTo(2);
        }
    }

    /** A stub that answers SlowDown to its first {@code failures} requests, then success. */
    private static StubS3Server failingFirst(int failures) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        return StubS3Server.routing(r -> answered.getAndIncrement() < failures
                ? new Response(503, StubS3Server.errorXml("SlowDown", "Please reduce your request rate.", "REQ-1"))
                : new Response(200, "", "ETag", "\"e\"", "Content-Length", "0"));
    }

    /** One headObject through a route; the stub has then seen {@code requestsSoFar} requests in all. */
    private Trays3Metrics.Snapshot headObject(int requestsSoFar) {
        context.createProducerTemplate().requestBody("trays3:headObject?bucket=stub-bucket&key=k", (Object) null);
        assertThat(stub.requests()).hasSize(requestsSoFar);
        Trays3Metrics metrics = context.getComponent("trays3", Trays3Component.class).getMetrics();
        return metrics.series().get(new Trays3Metrics.Series("headObject", "stub-bucket"));
    }
}
