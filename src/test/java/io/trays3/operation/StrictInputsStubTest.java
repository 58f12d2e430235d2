package io.trays3.operation;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Header values that do not fit their input, end to end through a route and the real SDK: refused as bad input before
 * any request reaches the server (which would otherwise have been sent a truncated number or another key).
 */
class StrictInputsStubTest {

    private static final String EMPTY_LISTING = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
            + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>stub-bucket</Name><Prefix></Prefix>"
            + "<KeyCount>0</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>";

    private StubS3Server stub;
    private CamelContext context;

    @BeforeEach
    void start() throws Exception {
        stub = StubS3Server.routing(r -> new Response(200, EMPTY_LISTING));
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
    }

    @AfterEach
    void stop() {
        context.stop();
        stub.close();
    }

    static Stream<Arguments> refusedBeforeAnyRequest() {
        return Stream.of(
                arguments("trays3:deleteObject?bucket=stub-bucket", null, Map.of(Trays3Constants.KEY, Map.of("a", "b")),
                          "header CamelTrays3Key", "not text"),
                arguments("trays3:headObject?bucket=stub-bucket", null, Map.of(Trays3Constants.KEY, List.of("a")),
                          "header CamelTrays3Key", "not text"),
                arguments("trays3:listBucketObjects?bucket=stub-bucket", null, Map.of(Trays3Constants.MAX_KEYS, 4294967297L),
                          "header CamelTrays3MaxKeys", "is a java.lang.Long outside the int range"),
                arguments("trays3:listBucketObjects?bucket=stub-bucket", null, Map.of(Trays3Constants.MAX_KEYS, 2.9),
                          "header CamelTrays3MaxKeys", "is a java.lang.Double with a fraction"),
                arguments("trays3:getObject?bucket=stub-bucket&key=k", null, Map.of(Trays3Constants.RANGE_FROM, 1.9),
                          "header CamelTrays3RangeFrom", "is a java.lang.Double with a fraction"),
                arguments("trays3:listBucketObjects?bucket=stub-bucket", null, Map.of(Trays3Constants.ALL_PAGES, "yes"),
                          "header CamelTrays3AllPages", "is a java.lang.String that is not true or false"),
                arguments("trays3:deleteObject?bucket=stub-bucket", null, Map.of(Trays3Constants.KEY, "a\uD800b"),
                          "header CamelTrays3Key", "has an unpaired surrogate at index 1; allowed: valid Unicode text"),
                arguments("trays3:deleteMultipleObjects?bucket=stub-bucket", List.of("fine.txt", "a\uD800b"), Map.of(),
                          "item 1", "has an unpaired surrogate at index 1"),
                arguments("trays3:putObjectText?bucket=stub-bucket&key=k", "text",
                          Map.of(Trays3Constants.METADATA, Map.of("tags", List.of("a", "b"))),
                          "header CamelTrays3Metadata", "has a value for 'tags' that is a"),
                arguments("trays3:putObjectText?bucket=stub-bucket&key=k", "text",
                          Map.of(Trays3Constants.METADATA, Map.of("x\r\nInjected", "v")),
                          "header CamelTrays3Metadata", "'x\\u000d\\u000aInjected' is not a valid metadata name"),
                arguments("trays3:putObjectFile?bucket=stub-bucket&key=k", new byte[1],
                          Map.of(Trays3Constants.METADATA, Map.of("my name", "v")),
                          "header CamelTrays3Metadata", "is not a valid metadata name"),
                arguments("trays3:putObjectText?bucket=stub-bucket&key=k", "text",
                          Map.of(Trays3Constants.METADATA, Map.of("city", "Z\u00fcrich")),
                          "header CamelTrays3Metadata", "'city=Z\\u00fcrich' has a value that is not printable US-ASCII"),
                arguments("trays3:putObjectText?bucket=stub-bucket&key=k", "text",
                          Map.of(Trays3Constants.METADATA, Map.of("note", "line 1\nline 2")),
                          "header CamelTrays3Metadata", "not printable US-ASCII"),
                arguments("trays3:copyObject?bucket=stub-bucket&key=k&destinationKey=k2", null,
                          Map.of(Trays3Constants.METADATA, Map.of("big", "x".repeat(2046))),
                          "header CamelTrays3Metadata", "is 2049 bytes of names and values; allowed: at most 2048 bytes"));
    }

    @ParameterizedTest
    @MethodSource
    void refusedBeforeAnyRequest(String uri, Object body, Map<String, Object> headers, String source, String problem) {
        Throwable thrown = catchThrowable(() -> context.createProducerTemplate().requestBodyAndHeaders(uri, body, headers));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining(source)
                .hasMessageContaining(problem);
        assertThat(stub.requests()).as("no request was sent").isEmpty();
    }

    @Test
    void aValueThatFitsExactlyIsSentAsItsValue() {
        context.createProducerTemplate().requestBodyAndHeaders("trays3:listBucketObjects?bucket=stub-bucket", null,
                Map.of(Trays3Constants.MAX_KEYS, 2.0, Trays3Constants.PREFIX, 7));

        assertThat(stub.requests()).singleElement().asString().contains("max-keys=2").contains("prefix=7");
    }
}
