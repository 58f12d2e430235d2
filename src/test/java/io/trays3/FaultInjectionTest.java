package io.trays3;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.trays3.support.FaultProxy;
import io.trays3.support.FaultProxy.Fault;
import io.trays3.support.FaultProxyContextSupport;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static io.trays3.support.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Faults injected between trays3 and the in-JVM S3 server by {@link FaultProxy}: transient ones are retried and the
 * operation succeeds; permanent ones fail after the configured attempts with a Trays3Exception; stalls fail within the
 * configured bound; a download cut short or corrupted fails loudly; and after a thousand faulted requests no thread,
 * file handle or pooled connection is left over.
 */
class FaultInjectionTest extends FaultProxyContextSupport {

    private static final int MIB = 1024 * 1024;

    /** A Camel context whose trays3 component goes through the proxy, with these component options. */
    private void camel(Consumer<Trays3Configuration> options) throws Exception {
        startCamel(options, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read").to("trays3:getObject").convertBodyTo(byte[].class);
                // a stream to a file: the reader's buffer is reused, so the MD5's worker gets copies
                from("direct:save").to("trays3:getObject").toD("file:${header.dir}?fileName=${header.name}");
            }
        });
    }

    private Object call(String uri, Object body) {
        return template.requestBody(uri, body);
    }

    private byte[] read(String key) {
        return template.requestBodyAndHeaders("direct:read", null, Map.of(Trays3Constants.BUCKET, bucket,
                                                                          Trays3Constants.KEY, key), byte[].class);
    }

    private static Throwable failureOf(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the call fails").isInstanceOf(CamelExecutionException.class);
        return thrown.getCause();
    }

    private long requests(String method) {
        return proxy.log().stream().filter(line -> line.startsWith(method + " ")).count();
    }

    @Nested
    class TransientFaultsAreRetried {

        @Test
        void slowDownForTheNextTwoRequests() throws Exception {
            camel(c -> { });
            proxy.inject(Fault.error(503, "SlowDown"), 2);

            call("trays3:putObjectText?bucket=" + bucket + "&key=slow.txt", "after two SlowDowns");

            assertThat(s3.getObjectAsBytes(g -> g.bucket(bucket).key("slow.txt")).asUtf8String())
                    .isEqualTo("after two SlowDowns");
            assertThat(requests("PUT")).as("two refused, the third stored").isEqualTo(3);
        }

        @Test
        void internalErrorForTheNextTwoRequests() throws Exception {
            camel(c -> { });
            s3.putObject(p -> p.bucket(bucket).key("ie.txt"), RequestBody.fromString("survived"));
            proxy.inject(Fault.error(500, "InternalError"), 2);

            assertThat(new String(read("ie.txt"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("survived");
            assertThat(requests("GET")).isEqualTo(3);
        }

        @Test
        void aResetMidUploadRetriesThePart(@TempDir Path dir) throws Exception {
            camel(c -> { });
            byte[] content = random(20 * MIB, 7);
            File file = Files.write(dir.resolve("big.bin"), content).toFile();
            proxy.inject(r -> r.contentLength() > MIB, Fault.resetRequest(MIB), 1);

            call("trays3:putObjectFile?bucket=" + bucket + "&key=big.bin", file);

            assertThat(s3.getObjectAsBytes(g -> g.bucket(bucket).key("big.bin")).asByteArray()).isEqualTo(content);
            assertThat(proxy.faulted()).isEqualTo(1);
        }

        @Test
        void aResetBeforeTheAnswerRetriesTheCall() throws Exception {
            camel(c -> { });
            s3.putObject(p -> p.bucket(bucket).key("listed.txt"), RequestBody.fromString("x"));
            proxy.inject(r -> r.method().equals("GET"), Fault.resetRequest(0), 1);

            Object listing = call("trays3:listBucketObjects?bucket=" + bucket, null);

            assertThat(((Map<?, ?>) listing).get("KeyCount")).isEqualTo(1);
            assertThat(requests("GET")).isEqualTo(2);
        }

        @Test
        void aResetWhileAnAnswerIsReadRetriesTheCall() throws Exception {
            camel(c -> { });
            for (int i = 0; i < 30; i++) {
                int n = i;
                s3.putObject(p -> p.bucket(bucket).key("listed/" + "k".repeat(100) + n), RequestBody.fromString("x"));
            }
            // the listing's head and its first 2,000 bytes arrive, then the connection is reset
            proxy.inject(r -> r.method().equals("GET"), Fault.resetResponse(2_000), 1);

            Object listing = call("trays3:listBucketObjects?bucket=" + bucket + "&prefix=listed/", null);

            assertThat(((Map<?, ?>) listing).get("KeyCount")).isEqualTo(30);
            assertThat(requests("GET")).isEqualTo(2);
        }

        @Test
        void addedLatencyIsWaitedFor() throws Exception {
            camel(c -> { });
            s3.putObject(p -> p.bucket(bucket).key("late.txt"), RequestBody.fromString("late"));
            proxy.inject(Fault.latency(700), 1);
            long started = System.nanoTime();

            Object head = call("trays3:headObject?bucket=" + bucket + "&key=late.txt", null);

            assertThat(((Map<?, ?>) head).get("ContentLength")).isEqualTo(4L);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(700);
            assertThat(requests("HEAD")).as("latency is no failure: one request").isEqualTo(1);
        }
    }

    @Nested
    class PermanentFaultsFailAfterTheConfiguredAttempts {

        @Test
        void internalErrorOnEveryAttempt() throws Exception {
            camel(c -> c.setMaxAttempts(4));
            proxy.inject(Fault.error(500, "InternalError"), Integer.MAX_VALUE);

            Throwable failure = failureOf(() -> call("trays3:listBucketObjects?bucket=" + bucket, null));

            assertThat(failure).isInstanceOf(Trays3ServiceException.class)
                    .hasMessageStartingWith("trays3 listBucketObjects on bucket '" + bucket + "': S3 answered InternalError");
            assertThat(((Trays3ServiceException) failure).getStatusCode()).isEqualTo(500);
            assertThat(requests("GET")).as("maxAttempts=4").isEqualTo(4);
        }

        @Test
        void oneAttemptWhenRetriesAreOff() throws Exception {
            camel(c -> c.setMaxAttempts(1));
            proxy.inject(Fault.error(503, "SlowDown"), Integer.MAX_VALUE);

            Throwable failure = failureOf(() -> call("trays3:putObjectText?bucket=" + bucket + "&key=k.txt", "x"));

            assertThat(failure).isInstanceOf(Trays3ServiceException.class).hasMessageContaining("SlowDown");
            assertThat(requests("PUT")).isEqualTo(1);
        }
    }

    @Nested
    class StallsFailWithinTheBound {

        @Test
        void aHeadObjectThatIsNeverAnsweredFailsWithinApiCallTimeout() throws Exception {
            camel(c -> c.setApiCallTimeout(3000));
            proxy.inject(Fault.noAnswer(), Integer.MAX_VALUE);
            long started = System.nanoTime();

            Throwable failure = failureOf(() -> call("trays3:headObject?bucket=" + bucket + "&key=k", null));

            assertThat(failure).isInstanceOf(Trays3Exception.class).hasMessageContaining("headObject");
            assertThat(elapsedSeconds(started)).isBetween(2.5, 15.0);
        }

        @Test
        void aHeadObjectThatIsNeverAnsweredFailsAfterItsAttemptTimeouts() throws Exception {
            camel(c -> {
                c.setApiCallAttemptTimeout(1000);
                c.setMaxAttempts(2);
            });
            proxy.inject(Fault.noAnswer(), Integer.MAX_VALUE);
            long started = System.nanoTime();

            Throwable failure = failureOf(() -> call("trays3:headObject?bucket=" + bucket + "&key=k", null));

            assertThat(failure).isInstanceOf(Trays3Exception.class);
            assertThat(elapsedSeconds(started)).isBetween(1.8, 10.0);
            assertThat(requests("HEAD")).isEqualTo(2);
        }

        @Test
        void a64MiBPutObjectFileToAServerThatStopsReadingFailsWithinApiCallTimeout(@TempDir Path dir) throws Exception {
            camel(c -> c.setApiCallTimeout(3000));
            File file = Files.write(dir.resolve("stall.bin"), random(64 * MIB, 3)).toFile();
            proxy.inject(r -> r.contentLength() > 0, Fault.stopReading(256 * 1024), Integer.MAX_VALUE);
            long started = System.nanoTime();

            Throwable failure = failureOf(() -> call("trays3:putObjectFile?bucket=" + bucket + "&key=stall.bin", file));

            assertThat(failure).isInstanceOf(Trays3Exception.class).hasMessageContaining("putObjectFile");
            assertThat(elapsedSeconds(started)).isLessThan(15.0);
            assertNothingLeft("stall.bin");
        }

        @Test
        void aStalledWriteFailsAfterSocketTimeoutWithoutAnyTotalBound(@TempDir Path dir) throws Exception {
            // no apiCallTimeout: the write watchdog alone bounds an upload that makes no progress
            camel(c -> {
                c.setSocketTimeout(2000);
                c.setMaxAttempts(2);
            });
            File file = Files.write(dir.resolve("stall.bin"), random(64 * MIB, 4)).toFile();
            proxy.inject(r -> r.contentLength() > 0, Fault.stopReading(256 * 1024), Integer.MAX_VALUE);
            long started = System.nanoTime();

            Throwable failure = failureOf(() -> call("trays3:putObjectFile?bucket=" + bucket + "&key=stall.bin", file));

            assertThat(failure).isInstanceOf(Trays3Exception.class)
                    .hasMessageContaining("took no byte of the request body for 2000 ms (socketTimeout)");
            assertThat(elapsedSeconds(started)).isLessThan(15.0);
            assertNothingLeft("stall.bin");
        }

        @Test
        void aStalledSinglePutFailsAfterSocketTimeout() throws Exception {
            camel(c -> {
                c.setSocketTimeout(2000);
                c.setMaxAttempts(1);
            });
            proxy.inject(r -> r.contentLength() > 0, Fault.stopReading(64 * 1024), Integer.MAX_VALUE);
            long started = System.nanoTime();

            Throwable failure = failureOf(() -> call("trays3:putObjectFile?bucket=" + bucket + "&key=one.bin",
                                                     random(12 * MIB, 5)));

            assertThat(failure).isInstanceOf(Trays3Exception.class).hasMessageContaining("socketTimeout");
            assertThat(elapsedSeconds(started)).isLessThan(10.0);
        }

        private void assertNothingLeft(String key) {
            assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).as("unfinished uploads").isEmpty();
            assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).as("objects").noneMatch(o -> o.key().equals(key));
        }
    }

    @Nested
    class BrokenDownloadsAreResumedOrFailLoudly {

        @Test
        void aBodyCutShortEveryTimeFailsAfterTheConfiguredAttempts() throws Exception {
            camel(c -> { });
            s3.putObject(p -> p.bucket(bucket).key("cut.bin"), RequestBody.fromBytes(random(MIB, 9)));
            proxy.inject(r -> r.method().equals("GET"), Fault.cutResponse(100_000), Integer.MAX_VALUE);

            Throwable failure = failureOf(() -> read("cut.bin"));

            assertThat(causes(failure)).as("no short content: the read fails").anyMatch(c -> c instanceof IOException);
            assertThat(requests("GET")).as("the download and its two resumes (maxAttempts=3)").isEqualTo(3);
        }

        @Test
        void aBodyCutShortOnceIsResumedWhereItStopped() throws Exception {
            camel(c -> { });
            byte[] content = random(MIB, 12);
            s3.putObject(p -> p.bucket(bucket).key("cut-once.bin"), RequestBody.fromBytes(content));
            proxy.inject(r -> r.method().equals("GET"), Fault.cutResponse(100_000), 1);

            assertThat(read("cut-once.bin")).isEqualTo(content);
            assertThat(requests("GET")).isEqualTo(2);
        }

        @Test
        void aResetMidDownloadIsResumedWhereItStopped() throws Exception {
            camel(c -> { });
            byte[] content = random(4 * MIB, 10);
            s3.putObject(p -> p.bucket(bucket).key("reset.bin"), RequestBody.fromBytes(content));
            proxy.inject(r -> r.method().equals("GET"), Fault.resetResponse(MIB), 1);

            assertThat(read("reset.bin")).isEqualTo(content);
            assertThat(requests("GET")).isEqualTo(2);
        }

        @Test
        void aResetMidDownloadWithRetriesOffFailsLoudly() throws Exception {
            camel(c -> c.setMaxAttempts(1));
            s3.putObject(p -> p.bucket(bucket).key("reset.bin"), RequestBody.fromBytes(random(4 * MIB, 10)));
            proxy.inject(r -> r.method().equals("GET"), Fault.resetResponse(MIB), 1);

            Throwable failure = failureOf(() -> read("reset.bin"));

            assertThat(causes(failure)).anyMatch(c -> c instanceof IOException);
        }

        @Test
        void aFlippedByte() throws Exception {
            camel(c -> { });
            call("trays3:putObjectText?bucket=" + bucket + "&key=flip.txt", "a".repeat(10_000));
            proxy.inject(r -> r.method().equals("GET"), Fault.flipByte(5_000), 1);

            Throwable failure = failureOf(() -> read("flip.txt"));

            // S3Proxy sends no SDK checksum: trays3 checks the MD5 the ETag names
            assertThat(causes(failure)).as("the MD5 does not match the ETag")
                    .anyMatch(c -> c instanceof IOException && c.getMessage().contains("arrived corrupted"));
        }
    }

    @Nested
    class LargeDownloadsAreCheckedOnAWorker {

        @TempDir
        Path dir;

        @Test
        void aFlippedByteInALargeDownloadReadIntoMemoryFails() throws Exception {
            camel(c -> { });
            byte[] content = random(9 * MIB, 12);
            s3.putObject(p -> p.bucket(bucket).key("large.bin"), RequestBody.fromBytes(content));
            assertThat(read("large.bin")).as("a clean read first").isEqualTo(content);
            proxy.inject(r -> r.method().equals("GET"), Fault.flipByte(7L * MIB + 3), 1);

            Throwable failure = failureOf(() -> read("large.bin"));

            assertThat(causes(failure)).as("the MD5 of the 9 MiB does not match the ETag")
                    .anyMatch(c -> c instanceof IOException && c.getMessage().contains("arrived corrupted"));
        }

        @Test
        void aFlippedByteInALargeDownloadStreamedToAFileFails() throws Exception {
            camel(c -> { });
            byte[] content = random(9 * MIB, 13);
            s3.putObject(p -> p.bucket(bucket).key("large.bin"), RequestBody.fromBytes(content));
            save("large.bin", "clean.bin");
            assertThat(Files.readAllBytes(dir.resolve("clean.bin"))).as("a clean download first").isEqualTo(content);
            proxy.inject(r -> r.method().equals("GET"), Fault.flipByte(MIB + 5), 1);

            Throwable failure = failureOf(() -> save("large.bin", "flipped.bin"));

            assertThat(causes(failure)).as("the MD5 of the streamed 9 MiB does not match the ETag")
                    .anyMatch(c -> c instanceof IOException && c.getMessage().contains("arrived corrupted"));
        }

        private void save(String key, String name) {
            template.requestBodyAndHeaders("direct:save", null, Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY,
                                                                      key, "dir", dir.toString(), "name", name));
        }
    }

    @Nested
    class NothingLeaks {

        @Test
        void aThousandFaultedRequestsLeaveNoThreadFileHandleOrConnection() throws Exception {
            // a small pool with a short wait: a connection never given back would soon make calls fail
            camel(c -> {
                c.setMaxAttempts(1);
                c.setMaxConnections(4);
                c.setConnectionAcquisitionTimeout(2000);
            });
            s3.putObject(p -> p.bucket(bucket).key("leak.bin"), RequestBody.fromBytes(random(256 * 1024, 11)));
            String head = "trays3:headObject?bucket=" + bucket + "&key=leak.bin";
            call(head, null);
            read("leak.bin");
            int threadsBefore = threads();
            long filesBefore = openFiles();

            Fault[] faults = {Fault.error(500, "InternalError"), Fault.resetResponse(0), Fault.cutResponse(1000),
                              Fault.resetResponse(64 * 1024), Fault.error(503, "SlowDown")};
            int failures = 0;
            for (int i = 0; i < 1000; i++) {
                proxy.inject(faults[i % faults.length], 1);
                Runnable request = i % 2 == 0 ? () -> read("leak.bin") : () -> call(head, null);
                if (catchThrowable(request::run) != null) {
                    failures++;
                }
                if (i % 7 == 0) {
                    // a body never read: closed when its exchange completes
                    proxy.clear();
                    call("trays3:getObject?bucket=" + bucket + "&key=leak.bin", null);
                }
            }
            proxy.clear();
            for (int i = 0; i < 20; i++) {
                assertThat(read("leak.bin")).as("after the faults, a clean read %d", i).hasSize(256 * 1024);
            }
            assertThat(failures).as("faulted requests that failed").isGreaterThan(500);
            assertThat(proxy.faulted()).isGreaterThanOrEqualTo(1000);
            context.stop();
            context = null;
            proxy.close();

            int threadsAfter = threads();
            long filesAfter = openFiles();
            System.out.printf("[trays3] leak check: %d faulted requests (%d failed), threads %d -> %d, open files %d -> %d%n",
                              proxy.faulted(), failures, threadsBefore, threadsAfter, filesBefore, filesAfter);
            assertThat(threadsAfter).as("threads, the proxy's left out").isLessThanOrEqualTo(threadsBefore + 3);
            assertThat(filesAfter).as("open file descriptors").isLessThanOrEqualTo(filesBefore + 10);
        }

        private int threads() throws InterruptedException {
            // threads that end after their work may need a moment
            TimeUnit.MILLISECONDS.sleep(300);
            return (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !t.getName().startsWith(FaultProxy.THREAD_PREFIX)).count();
        }

        private long openFiles() throws IOException {
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                return fds.count();
            }
        }
    }

    private static double elapsedSeconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static java.util.List<Throwable> causes(Throwable failure) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            chain.addAll(Arrays.asList(t.getSuppressed()));
        }
        return chain;
    }
}
