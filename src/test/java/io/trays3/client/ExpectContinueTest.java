package io.trays3.client;

import java.util.List;

import io.trays3.support.FaultProxy.Request;
import io.trays3.support.FaultProxyContextSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads send their body with their headers unless expectContinue asks for the 100-continue handshake: the fault
 * proxy between trays3 and S3Proxy records each request's headers.
 */
class ExpectContinueTest extends FaultProxyContextSupport {

    private List<Request> putThrough(boolean expectContinue, String key) throws Exception {
        startCamel(c -> c.setExpectContinue(expectContinue));

        template.requestBodyAndHeader("trays3:putObjectFile?bucket=" + bucket, new byte[1024], "CamelTrays3Key", key);

        assertThat(s3.headObject(h -> h.bucket(bucket).key(key)).contentLength()).isEqualTo(1024L);
        return proxy.requests().stream().filter(r -> r.method().equals("PUT") && r.target().contains(key)).toList();
    }

    @Test
    void byDefaultAnUploadSendsItsBodyWithoutWaitingForContinue() throws Exception {
        List<Request> puts = putThrough(false, "no-wait.bin");

        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).headers()).doesNotContainKey("expect");
    }

    @Test
    void expectContinueAsksTheServerBeforeSendingTheBody() throws Exception {
        List<Request> puts = putThrough(true, "handshake.bin");

        assertThat(puts).hasSize(1);
        assertThat(puts.get(0).headers()).containsEntry("expect", "100-continue");
    }
}
