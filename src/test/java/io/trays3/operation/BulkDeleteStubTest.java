package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** deleteMultipleObjects' quiet mode: what a real server only answers on a bad day (per-key errors). */
class BulkDeleteStubTest extends StubContextSupport {

    @Test
    void quietBatchesReportDeletedAsSentMinusErrorsInTheSameShape() throws Exception {
        stub = StubS3Server.routingConcurrently(r -> new StubS3Server.Response(200, "<DeleteResult><Error><Key>k1</Key>"
                + "<Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>"));
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add("k" + i);
        }

        Object result = context.createProducerTemplate()
                .requestBody("trays3:deleteMultipleObjects?bucket=stub-bucket&deleteConcurrency=3", keys);

        @SuppressWarnings("unchecked")
        Map<String, List<Map<String, Object>>> shape = (Map<String, List<Map<String, Object>>>) result;
        assertThat(shape.keySet()).containsExactly("Deleted", "Errors");
        assertThat(shape.get("Errors")).hasSize(3).allSatisfy(e -> assertThat(e)
                .containsEntry("Key", "k1").containsEntry("Code", "AccessDenied").containsEntry("Message", "Access Denied"));
        // every batch answered an error for k1, which only the first batch sent: the others deleted all they sent
        assertThat(shape.get("Deleted")).hasSize(2499).extracting(d -> d.get("Key")).doesNotContain("k1")
                .startsWith("k0", "k2");
        assertThat(stub.seen()).hasSize(3).allSatisfy(r -> assertThat(r.body()).contains("<Quiet>true</Quiet>"));
    }
}
