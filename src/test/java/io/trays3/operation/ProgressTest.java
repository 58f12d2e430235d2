package io.trays3.operation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trays3.model.Progress;
import io.trays3.model.ProgressMeter;
import io.trays3.support.S3TestSupport;
import io.trays3.support.TestBytes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads, downloads, listings and bulk deletes report their progress: progressInterval=0 reports every step. */
class ProgressTest extends S3TestSupport {

    private static final String OPTIONS = "progressInterval=0&progressListener=#recorder";
    private final List<Progress> reports = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download").toD("trays3:getObject?bucket=${header.target}&key=big.bin&" + OPTIONS)
                        .convertBodyTo(byte[].class);
            }
        };
    }

    @Test
    void aMultipartUploadReportsEachPartThenTheWhole() throws Exception {
        context.getRegistry().bind("recorder", (io.trays3.model.ProgressListener) reports::add);
        Path file = Files.write(temp.resolve("big.bin"), new byte[20 * 1024 * 1024 + 5]);

        Exchange done = template.request("trays3:putObjectFile?key=big.bin&bucket=" + bucket + "&" + OPTIONS,
                                         e -> e.getMessage().setBody(file));

        assertThat(reports).as("three parts, then the end").hasSizeGreaterThanOrEqualTo(4).extracting(Progress::done).isSorted();
        Progress last = reports.get(reports.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.done()).isEqualTo(last.total()).isEqualTo(Files.size(file));
        assertThat(last.unit()).isEqualTo(Progress.Unit.BYTES);
        assertThat(last.target()).isEqualTo("s3://" + bucket + "/big.bin");
        assertThat(done.getProperty(ProgressMeter.PROPERTY)).isEqualTo(last);
    }

    @Test
    void aDownloadReportsTheBytesReadAgainstTheLength() {
        context.getRegistry().bind("recorder", (io.trays3.model.ProgressListener) reports::add);
        byte[] content = TestBytes.random(3 * 1024 * 1024, 7);
        s3.putObject(p -> p.bucket(bucket).key("big.bin"), RequestBody.fromBytes(content));

        byte[] read = (byte[]) template.requestBodyAndHeader("direct:download", null, "target", bucket);

        assertThat(read).isEqualTo(content);
        assertThat(reports.size()).isGreaterThan(2);
        assertThat(reports.get(0).total()).isEqualTo(content.length);
        assertThat(reports.get(reports.size() - 1)).satisfies(p -> {
            assertThat(p.finished()).isTrue();
            assertThat(p.done()).isEqualTo(content.length);
            assertThat(p.percent()).isEqualTo(100.0);
        });
    }

    @Test
    void listingsAndBulkDeletesCountKeys() {
        context.getRegistry().bind("recorder", (io.trays3.model.ProgressListener) reports::add);
        for (int i = 0; i < 5; i++) {
            putObject("k" + i, "x");
        }

        Object listing = call("trays3:listBucketObjects?maxKeys=2&allPages=true&bucket=" + bucket + "&" + OPTIONS);
        List<Progress> listed = List.copyOf(reports);
        reports.clear();
        call("trays3:deleteMultipleObjects?" + OPTIONS, listing, Map.of());

        assertThat(listed).extracting(Progress::done).containsExactly(2L, 4L, 5L, 5L);
        assertThat(listed.get(3).finished()).isTrue();
        assertThat(reports).last().satisfies(p -> {
            assertThat(p.operation()).isEqualTo("deleteMultipleObjects");
            assertThat(p.done()).isEqualTo(5);
            assertThat(p.total()).isEqualTo(5);
            assertThat(p.finished()).isTrue();
        });
    }
}
