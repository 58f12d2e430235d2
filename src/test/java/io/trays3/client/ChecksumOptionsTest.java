package io.trays3.client;

import java.util.List;
import java.util.Map;

import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the checksum and chunking options change on the wire, seen by a stub server: servers such as Ceph RGW refuse
 * the SDK's default aws-chunked CRC32 uploads, and these options turn them off.
 */
class ChecksumOptionsTest {

    private StubS3Server stub;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        stub = StubS3Server.answering(200, "", "ETag", "\"abc\"");
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
    }

    @AfterEach
    void stop() {
        context.stop();
        stub.close();
    }

    @Test
    void byDefaultUploadsCarryTheSdksChecksum() {
        context.createProducerTemplate().requestBody("trays3:putObjectText?bucket=b-1&key=k.txt", "some text");

        Map<String, List<String>> headers = stub.requestHeaders().get(0);
        assertThat(headers.get("x-amz-sdk-checksum-algorithm")).containsExactly("CRC32");
        assertThat(headers.get("x-amz-trailer")).containsExactly("x-amz-checksum-crc32");
        assertThat(headers.get("Content-Encoding")).contains("aws-chunked");
    }

    @Test
    void whenRequiredAndNoChunkingSendAPlainSignedUpload() {
        context.createProducerTemplate().requestBody("trays3:putObjectText?bucket=b-1&key=k.txt"
                + "&requestChecksumCalculation=WHEN_REQUIRED&chunkedEncodingEnabled=false", "some text");

        Map<String, List<String>> headers = stub.requestHeaders().get(0);
        assertThat(headers).doesNotContainKey("x-amz-sdk-checksum-algorithm").doesNotContainKey("x-amz-trailer");
        assertThat(headers.getOrDefault("Content-Encoding", List.of())).doesNotContain("aws-chunked");
        assertThat(headers.get("Content-Length")).containsExactly(String.valueOf("some text".length()));
    }
}
