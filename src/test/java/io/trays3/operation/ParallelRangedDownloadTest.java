package io.trays3.operation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import io.trays3.Trays3Exception;
import io.trays3.Trays3InvalidInputException;
import io.trays3.model.Progress;
import io.trays3.support.FaultProxy.Fault;
import io.trays3.support.FaultProxyContextSupport;
import io.trays3.support.TestBytes;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static io.trays3.support.TestBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * getObject to a file in parallel ranges (downloadConcurrency, downloadPartSize), against the in-JVM S3Proxy through
 * {@link FaultProxy}, which logs each request with its Range header: the file equals the object, the server sees one GET
 * and ranged GETs, a broken range is asked for again from where it stopped, a replaced object fails the download with no
 * file left, a small object or a stream read is one GET, and bad values are refused before any request.
 */
class ParallelRangedDownloadTest extends FaultProxyContextSupport {

    private static final int SIZE = 40 * MIB;

    private final List<Progress> reports = new CopyOnWriteArrayList<>();
    @TempDir
    private Path out;

    /** getObject with these URI options, converted to a File, written by Camel's file producer to {@code out/got.bin}. */
    private void camel(String options, Consumer<Trays3Configuration> component) throws Exception {
        startCamel(c -> {
            c.setProgressListener(reports::add);
            component.accept(c);
        }, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:toFile").to("trays3:getObject?" + options).convertBodyTo(File.class)
                        .to("file:" + out + "?fileName=got.bin");
                from("direct:bytes").to("trays3:getObject?" + options).convertBodyTo(byte[].class);
                from("direct:path").to("trays3:getObject?" + options).convertBodyTo(Path.class)
                        .process(e -> e.getMessage().setBody(TestBytes.sha256(e.getMessage().getBody(Path.class))));
            }
        });
    }

    private void download(String key) {
        template.sendBodyAndHeaders("direct:toFile", null, Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, key));
    }

    private Throwable failureOf(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the call fails").isInstanceOf(CamelExecutionException.class);
        return thrown;
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, Throwable::getCause);
    }

    private byte[] put(String key, int size, long seed) {
        byte[] content = TestBytes.random(size, seed);
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
        proxy.clear();
        return content;
    }

    private List<String> gets() {
        return proxy.log().stream().filter(line -> line.startsWith("GET ")).toList();
    }

    private List<String> rangedGets() {
        return gets().stream().filter(line -> line.contains(" bytes=")).toList();
    }

    private Path got() {
        return out.resolve("got.bin");
    }

    @Test
    void a40MiBObjectToAFileWithConcurrency4EqualsTheSourceAndIsFetchedInRanges() throws Exception {
        camel("downloadConcurrency=4", c -> { });
        byte[] content = put("big.bin", SIZE, 1);

        download("big.bin");

        assertThat(TestBytes.sha256(got())).isEqualTo(TestBytes.sha256(content));
        // range 0 is read from the first answer; the other four 8 MiB ranges are ranged GETs
        assertThat(gets()).hasSize(5);
        assertThat(rangedGets()).extracting(line -> line.replaceAll(".* (bytes=\\S+) .*", "$1"))
                .containsExactlyInAnyOrder("bytes=8388608-16777215", "bytes=16777216-25165823",
                                           "bytes=25165824-33554431", "bytes=33554432-41943039");
        Progress last = reports.get(reports.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.done()).as("progress counts every range").isEqualTo(SIZE);
    }

    @Test
    void aConversionToPathIsFetchedInRangesToo() throws Exception {
        camel("downloadConcurrency=2&downloadPartSize=" + (10 * MIB), c -> { });
        byte[] content = put("path.bin", SIZE, 12);

        String sha256 = template.requestBodyAndHeaders("direct:path", null,
                Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "path.bin"), String.class);

        assertThat(sha256).isEqualTo(TestBytes.sha256(content));
        assertThat(rangedGets()).as("four ranges of 10 MiB, the first from the first answer").hasSize(3);
    }

    @Test
    void aMultipartObjectWithAnOddPartSizeArrivesWhole() throws Exception {
        camel("downloadConcurrency=3&downloadPartSize=" + (3 * MIB), c -> { });
        Path source = out.resolve("source.bin");
        byte[] content = TestBytes.random(SIZE + 12_345, 2);
        Files.write(source, content);
        template.sendBodyAndHeaders("trays3:putObjectFile", source.toFile(),
                                    Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "parts.bin"));
        assertThat(s3.headObject(h -> h.bucket(bucket).key("parts.bin")).eTag()).as("a multipart ETag").contains("-");
        proxy.clear();

        download("parts.bin");

        assertThat(TestBytes.sha256(got())).isEqualTo(TestBytes.sha256(content));
        assertThat(rangedGets()).as("14 ranges of 3 MiB, the first from the first answer").hasSize(13);
    }

    @Test
    void aResetOfOneRangeIsAskedForAgainAndTheFileIsCorrect() throws Exception {
        camel("downloadConcurrency=4", c -> { });
        byte[] content = put("reset.bin", SIZE, 3);
        proxy.inject(r -> "bytes=16777216-25165823".equals(r.range()), Fault.resetResponse(MIB), 1);

        download("reset.bin");

        assertThat(TestBytes.sha256(got())).isEqualTo(TestBytes.sha256(content));
        assertThat(proxy.faulted()).isEqualTo(1);
        // a reset drops what the client had not read yet, so the range goes on from wherever the reader had got to
        assertThat(rangedGets()).as("four ranges and the rest of the broken one").hasSize(5)
                .filteredOn(line -> line.matches("GET .* bytes=(\\d+)-25165823 -> through")).hasSize(1);
    }

    @Test
    void aRangeCutShortGoesOnFromTheByteItReached() throws Exception {
        camel("downloadConcurrency=4", c -> { });
        byte[] content = put("cut.bin", SIZE, 10);
        proxy.inject(r -> "bytes=16777216-25165823".equals(r.range()), Fault.cutResponse(MIB), 1);

        download("cut.bin");

        assertThat(TestBytes.sha256(got())).isEqualTo(TestBytes.sha256(content));
        assertThat(rangedGets()).hasSize(5).anyMatch(line -> line.contains(" bytes=17825792-25165823 -> through"));
    }

    @Test
    void aRangeThatKeepsBreakingFailsTheDownloadAfterMaxAttempts() throws Exception {
        camel("downloadConcurrency=4", c -> c.setMaxAttempts(2));
        put("broken.bin", SIZE, 11);
        proxy.inject(r -> r.range() != null && r.range().endsWith("-25165823"), Fault.cutResponse(1000), Integer.MAX_VALUE);

        Throwable failure = failureOf(() -> download("broken.bin"));

        assertThat(causes(failure)).anyMatch(c -> c instanceof Trays3Exception
                                                  && c.getMessage().contains("broke off at byte 16779216 after 1 resumes"));
        assertThat(got()).as("nothing at the destination").doesNotExist();
    }

    @Test
    void aFlippedByteInOneRangeFailsTheMd5CheckAndLeavesNoFile() throws Exception {
        camel("downloadConcurrency=4", c -> { });
        put("flipped.bin", SIZE, 13);
        proxy.inject(r -> "bytes=25165824-33554431".equals(r.range()), Fault.flipByte(4096), 1);

        Throwable failure = failureOf(() -> download("flipped.bin"));

        assertThat(causes(failure)).anyMatch(c -> c instanceof Trays3Exception
                                                  && c.getMessage().contains("the downloaded file's MD5 is"));
        assertThat(got()).as("nothing at the destination").doesNotExist();
    }

    @Test
    void anObjectReplacedMidDownloadFailsAndLeavesNoFile() throws Exception {
        camel("downloadConcurrency=2", c -> { });
        put("changing.bin", SIZE, 4);
        AtomicBoolean replaced = new AtomicBoolean();
        // the first ranged request replaces the object before it reaches the server: its If-Match no longer holds
        proxy.inject(r -> {
            if (r.range() != null && replaced.compareAndSet(false, true)) {
                s3.putObject(p -> p.bucket(bucket).key("changing.bin"), RequestBody.fromBytes(TestBytes.random(SIZE, 5)));
            }
            return false;
        }, Fault.noAnswer(), 1);
        long spoolsBefore = spools();

        Throwable failure = failureOf(() -> download("changing.bin"));

        assertThat(replaced).isTrue();
        assertThat(causes(failure)).anyMatch(c -> c instanceof Trays3Exception && c.getMessage().contains("changing.bin"));
        assertThat(got()).as("nothing at the destination").doesNotExist();
        assertThat(spools()).as("no spool file left").isEqualTo(spoolsBefore);
    }

    @Test
    void anObjectSmallerThanTwoPartsIsOneGet() throws Exception {
        camel("downloadConcurrency=4", c -> { });
        byte[] content = put("small.bin", 16 * MIB - 1, 6);

        download("small.bin");

        assertThat(Files.readAllBytes(got())).isEqualTo(content);
        assertThat(gets()).hasSize(1);
        assertThat(rangedGets()).isEmpty();
    }

    @Test
    void aStreamReadKeepsOneStream() throws Exception {
        camel("downloadConcurrency=4", c -> { });
        byte[] content = put("stream.bin", SIZE, 7);

        byte[] read = template.requestBodyAndHeaders("direct:bytes", null,
                Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "stream.bin"), byte[].class);

        assertThat(read).isEqualTo(content);
        assertThat(gets()).hasSize(1);
    }

    @Test
    void concurrency1IsOneStreamToTheFile() throws Exception {
        camel("", c -> c.setDownloadConcurrency(1));
        byte[] content = put("one.bin", SIZE, 8);

        download("one.bin");

        assertThat(TestBytes.sha256(got())).isEqualTo(TestBytes.sha256(content));
        assertThat(gets()).hasSize(1);
    }

    @Test
    void invalidValuesAreRefusedBeforeAnyRequest() throws Exception {
        camel("", c -> { });
        put("any.bin", MIB, 9);
        List<Object[]> refused = List.of(
                new Object[] {Trays3Constants.DOWNLOAD_CONCURRENCY, 0, "1 to 64"},
                new Object[] {Trays3Constants.DOWNLOAD_CONCURRENCY, 65, "1 to 64"},
                new Object[] {Trays3Constants.DOWNLOAD_PART_SIZE, 1000L, "1048576 (1 MiB) to"},
                new Object[] {Trays3Constants.DOWNLOAD_PART_SIZE, 2L << 30, "to 1073741824 (1 GiB) bytes"});
        for (Object[] value : refused) {
            Throwable failure = failureOf(() -> template.sendBodyAndHeaders("direct:toFile", null, Map.of(
                    Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "any.bin", (String) value[0], value[1])));

            assertThat(failure.getCause()).isInstanceOf(Trays3InvalidInputException.class)
                    .hasMessageContaining("getObject").hasMessageContaining("header " + value[0])
                    .hasMessageContaining("'" + value[1] + "'").hasMessageContaining((String) value[2]);
        }
        assertThat(proxy.log()).as("no request").isEmpty();
        context.stop();
        context = null;
        camel("downloadPartSize=100", c -> { });
        Throwable uriFailure = failureOf(() -> download("any.bin"));
        assertThat(uriFailure.getCause()).isInstanceOf(Trays3InvalidInputException.class)
                .hasMessageContaining("option 'downloadPartSize'").hasMessageContaining("'100'");
        assertThat(proxy.log()).as("no request").isEmpty();
    }

    private static long spools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("trays3-")
                                     && f.getFileName().toString().endsWith(".download")).count();
        }
    }
}
