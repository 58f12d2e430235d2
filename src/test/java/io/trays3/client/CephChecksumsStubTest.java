package io.trays3.client;

import java.util.Map;

import io.trays3.Trays3ServiceException;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server that answers as Ceph RGW 16 does to the SDK's default aws-chunked CRC32 uploads (400
 * XAmzContentSHA256Mismatch, no message): the error names the options that fix it, and with them the upload goes through.
 */
class CephChecksumsStubTest {

    private StubS3Server stub;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        stub = StubS3Server.routing(CephChecksumsStubTest::answerAsCeph);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        stub.close();
    }

    private static Response answerAsCeph(StubS3Server.Request request) {
        String sha = request.header("x-amz-content-sha256");
        // Ceph RGW 16 knows signed aws-chunked payloads, not the trailing checksums of STREAMING-*-TRAILER
        if (sha != null && sha.endsWith("-TRAILER") || request.header("x-amz-trailer") != null) {
            return new Response(400, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>XAmzContentSHA256Mismatch</Code>"
                                     + "<BucketName>b</BucketName><RequestId>tx00000a1b2c3-ceph</RequestId>"
                                     + "<HostId>ceph-host</HostId></Error>");
        }
        return new Response(200, "", "ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    private Object put(String body) {
        return context.createProducerTemplate().requestBody("trays3:putObjectText?bucket=stub-bucket&key=k.txt", body);
    }

    @Test
    void theErrorNamesTheOptionsToSet() {
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));

        Throwable thrown = catchThrowable(() -> put("hello"));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class)
                .hasMessageContaining("S3 answered XAmzContentSHA256Mismatch")
                .hasMessageContaining("set requestChecksumCalculation=WHEN_REQUIRED and responseChecksumValidation="
                                      + "WHEN_REQUIRED (in the application: TRAYS3_CHECKSUMS=WHEN_REQUIRED)");
    }

    @Test
    void withTheOptionsSetTheUploadGoesThrough() {
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret").andThen(c -> {
            c.setRequestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            c.setResponseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }));

        Object result = put("hello");

        assertThat(((Map<?, ?>) result).get("Key")).isEqualTo("k.txt");
    }

    @Test
    void withTheOptionsSetTheSameAnswerMeansTheBodyChangedOnTheWay() throws Exception {
        // Ceph RGW 16 gives the same answer to signed aws-chunked data one byte of which changed on the way
        // (bench/ceph-rgw.sh, RELIABILITY.md "Ceph RGW")
        stub.close();
        stub = StubS3Server.routing(request -> new Response(400, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
                + "<Code>XAmzContentSHA256Mismatch</Code><RequestId>tx00000d4e5f6-ceph</RequestId></Error>"));
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret").andThen(c -> {
            c.setRequestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            c.setResponseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }));

        Throwable thrown = catchThrowable(() -> put("hello"));

        assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class)
                .hasMessageContaining("S3 answered XAmzContentSHA256Mismatch")
                .hasMessageContaining("The body the server received is not the one trays3 signed: it changed on the way")
                .hasMessageNotContaining("TRAYS3_CHECKSUMS");
    }
}
