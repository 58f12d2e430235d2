package io.trays3.operation;

import java.util.Map;

import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Listings a real server will not produce on demand: a truncated page that hands out no token to go on with. */
class ListingStubTest {

    private static final String TRUNCATED_WITHOUT_TOKEN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
            + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>odd-bucket</Name><Prefix></Prefix>"
            + "<KeyCount>1</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated><Contents><Key>a.txt</Key>"
            + "<LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>\"e\"</ETag><Size>1</Size>"
            + "<StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>";

    private StubS3Server stub;
    private CamelContext context;

    @AfterEach
    void stop() {
        context.stop();
        stub.close();
    }

    @Test
    void allPagesReportsAListingThatCouldNotBeFinishedAsTruncated() throws Exception {
        stub = StubS3Server.routing(r -> new Response(200, TRUNCATED_WITHOUT_TOKEN));
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));

        Map<?, ?> result = (Map<?, ?>) context.createProducerTemplate()
                .requestBody("trays3:listBucketObjects?bucket=odd-bucket&allPages=true", (Object) null);

        assertThat(result.get("IsTruncated")).as("not every key was listed").isEqualTo(true);
        assertThat(result.get("KeyCount")).isEqualTo(1);
        assertThat(stub.requests()).as("one page, no loop on a missing token").hasSize(1);
    }
}
