package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.support.S3TestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * getObject reports the content type and metadata it read in headers that are also the put operations' inputs; those
 * reports do not steer the next put (an object from an untrusted party must not choose what the route publishes), while a
 * getObject body uploaded as it is stays a faithful copy.
 */
class ReadHeadersAreNotInputsTest extends S3TestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:json")
                        .to("trays3:getObject")
                        .convertBodyTo(String.class)
                        .removeHeader(Trays3Constants.KEY)
                        .toD("trays3:putObjectText?bucket=${header.CamelTrays3Bucket}&key=out/report.json"
                             + "&contentType=application/json");
                from("direct:text")
                        .to("trays3:getObject")
                        .convertBodyTo(String.class)
                        .removeHeader(Trays3Constants.KEY)
                        .toD("trays3:putObjectText?bucket=${header.CamelTrays3Bucket}&key=out/plain.txt");
                from("direct:typed")
                        .to("trays3:getObject")
                        .convertBodyTo(String.class)
                        .setHeader(Trays3Constants.CONTENT_TYPE, constant("text/markdown"))
                        .removeHeader(Trays3Constants.KEY)
                        .toD("trays3:putObjectText?bucket=${header.CamelTrays3Bucket}&key=out/notes.md");
                from("direct:copyTyped")
                        .to("trays3:getObject")
                        .removeHeader(Trays3Constants.KEY)
                        .toD("trays3:putObjectFile?bucket=${header.CamelTrays3Bucket}&key=out/copy.txt"
                             + "&contentType=text/plain");
            }
        };
    }

    private void putUntrusted(String key) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType("text/html")
                .metadata(Map.of("owner", "someone-else")), RequestBody.fromString("<b>{\"a\":1}</b>"));
    }

    /** Sends to a route; the key header names what getObject reads, and the route removes it before the put. */
    private void send(String route, String key) {
        template.requestBodyAndHeaders(route, null, Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, key));
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(h -> h.bucket(bucket).key(key));
    }

    @Test
    void aUriContentTypeOnThePutWinsOverWhatTheReadReported() {
        putUntrusted("in/report.json");

        send("direct:json", "in/report.json");

        assertThat(head("out/report.json").contentType()).isEqualTo("application/json");
        assertThat(head("out/report.json").metadata()).as("the source's metadata is not copied into text").isEmpty();
    }

    @Test
    void withoutAContentTypeThePutUsesItsOwnDefaultNotTheReadOne() {
        putUntrusted("in/page.html");

        send("direct:text", "in/page.html");

        assertThat(head("out/plain.txt").contentType()).as("putObjectText's default (S3Proxy drops the space)")
                .isEqualToIgnoringWhitespace("text/plain; charset=utf-8");
        assertThat(head("out/plain.txt").metadata()).isEmpty();
    }

    @Test
    void aHeaderTheRouteSetsIsAnInputAgain() {
        putUntrusted("in/notes.html");

        send("direct:typed", "in/notes.html");

        assertThat(head("out/notes.md").contentType()).isEqualTo("text/markdown");
    }

    @Test
    void aUriContentTypeWinsOverTheContentTypeOfACopiedBody() {
        putUntrusted("in/copy.html");

        send("direct:copyTyped", "in/copy.html");

        assertThat(head("out/copy.txt").contentType()).isEqualTo("text/plain");
        assertThat(head("out/copy.txt").metadata()).as("still a copy of the metadata").containsEntry("owner", "someone-else");
        assertThat(readObject("out/copy.txt")).isEqualTo("<b>{\"a\":1}</b>");
    }
}
