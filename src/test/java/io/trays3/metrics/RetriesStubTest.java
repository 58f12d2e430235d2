package io.trays3.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import io.trays3.Trays3Component;
import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.Trays3Contexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries come from the SDK's RETRY_COUNT: a server error answered once, then success. */
class RetriesStubTest extends StubContextSupport {

    @Test
    void aRequestTheSdkRetriedCountsItsRetriesAndOneRequest() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        stub = StubS3Server.routing(r -> answered.getAndIncrement() == 0
                ? new Response(503, StubS3Server.errorXml("SlowDown", "Please reduce your request rate.", "REQ-1"))
                : new Response(200, "", "ETag", "\"e\"", "Content-Length", "0"));
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));

        context.createProducerTemplate().requestBody("trays3:headObject?bucket=stub-bucket&key=k", (Object) null);

        Trays3Metrics metrics = context.getComponent("trays3", Trays3Component.class).getMetrics();
        Trays3Metrics.Snapshot head = metrics.series().get(new Trays3Metrics.Series("headObject", "stub-bucket"));
        assertThat(stub.requests()).hasSize(2);
        assertThat(head.requests()).as("one request, whatever its attempts").isEqualTo(1);
        assertThat(head.retries()).isEqualTo(1);
        assertThat(head.errors()).isEmpty();
    }
}
