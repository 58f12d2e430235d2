package io.trays3.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.trays3.Trays3ErrorMessage;
import io.trays3.Trays3Exception;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A whole object written to a file as ranges fetched in parallel: {@code concurrency} threads each take the next range
 * ({@code partSize} bytes), stream it through a small buffer into the file at its offset, and go on from where they
 * stopped when a connection breaks. Every range is asked for with If-Match on the ETag the first answer carried, so an
 * object replaced part way fails the download instead of mixing two versions. Checked: each range's length, the file's
 * length against the first answer's Content-Length, and, when the ETag names one, the MD5 of the whole file (hashed by one
 * more thread that follows the ranges as they complete, reading them back in order). Memory: one buffer per thread.
 */
public final class RangedDownload {

    private static final int BUFFER = 128 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Opens one range of the object, inclusive offsets, of the same version and ETag as the first answer. */
    @FunctionalInterface
    public interface RangeSource {
        /** The bytes {@code first} to {@code last} (inclusive); failures come as trays3 exceptions. */
        ResponseInputStream<GetObjectResponse> open(long first, long last);
    }

    /**
     * How to fetch one object in ranges.
     *
     * @param operation   the operation, for error messages (getObject)
     * @param length      the object's length, from the first answer's Content-Length
     * @param partSize    the length of each range but the last
     * @param concurrency ranges on the wire at once
     * @param resumes     how many times one range may be asked for again after its connection broke
     * @param expectedMd5 the MD5 the object's ETag names, or null when it names none (multipart, KMS)
     * @param source      opens the ranges
     */
    public record Plan(String operation, String bucket, String key, long length, long partSize, int concurrency,
                       int resumes, String expectedMd5, RangeSource source) {

        /** How many ranges the object is fetched in. */
        public long ranges() {
            return (length + partSize - 1) / partSize;
        }
    }

    private final Plan plan;
    private final ProgressMeter progress;
    private final Set<ResponseInputStream<GetObjectResponse>> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextRange = new AtomicInteger();
    private final Object completion = new Object();
    private final boolean[] complete;
    private volatile boolean failed;

    RangedDownload(Plan plan, ProgressMeter progress) {
        this.plan = plan;
        this.progress = progress;
        this.complete = new boolean[Math.toIntExact(plan.ranges())];
    }

    /**
     * Writes the object to {@code file} (created or truncated). {@code firstRange} is the first answer, still open at
     * byte 0: the first range is read from it and it is aborted after that. A failure leaves the file incomplete; the
     * caller deletes it.
     */
    void writeTo(Path file, ResponseInputStream<GetObjectResponse> firstRange) throws IOException {
        int threads = (int) Math.min(plan.concurrency(), complete.length);
        ExecutorService pool = Executors.newFixedThreadPool(threads + (plan.expectedMd5() == null ? 0 : 1), task -> {
            Thread thread = new Thread(task, "trays3-download-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                                                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
            CompletionService<Void> work = new ExecutorCompletionService<>(pool);
            // range 0 is taken first, by the first worker, from the answer already open
            nextRange.set(1);
            work.submit(() -> {
                fetch(channel, 0, firstRange);
                return fetchRanges(channel);
            });
            for (int i = 1; i < threads; i++) {
                work.submit(() -> fetchRanges(channel));
            }
            Future<String> md5 = plan.expectedMd5() == null ? null : pool.submit(() -> hash(channel));
            for (int i = 0; i < threads; i++) {
                // in the order they end, so that the first failure stops the others at once
                await(take(work));
            }
            if (channel.size() != plan.length()) {
                throw failure("the file holds " + channel.size() + " bytes but the object has " + plan.length(), null);
            }
            if (md5 != null) {
                String actual = await(md5);
                if (!actual.equalsIgnoreCase(plan.expectedMd5())) {
                    throw failure("the downloaded file's MD5 is " + actual + " but the object's ETag says "
                                  + plan.expectedMd5() + " (read it again; set verifyDownloads=false only for a server"
                                  + " whose ETags are not MD5 digests)", null);
                }
            }
            if (progress != null) {
                progress.finish();
            }
        } finally {
            failed = true;
            firstRange.abort();
            open.forEach(ResponseInputStream::abort);
            synchronized (completion) {
                completion.notifyAll();
            }
            pool.shutdownNow();
        }
    }

    private Void fetchRanges(FileChannel channel) throws IOException {
        for (int range; !failed && (range = nextRange.getAndIncrement()) < complete.length; ) {
            fetch(channel, range, null);
        }
        return null;
    }

    /** One range into the file, asked for again from the byte reached when its connection breaks. */
    private void fetch(FileChannel channel, int range, ResponseInputStream<GetObjectResponse> alreadyOpen) throws IOException {
        long first = range * plan.partSize();
        long last = Math.min(first + plan.partSize(), plan.length()) - 1;
        // where the range has got to, kept by copy even when a read fails part way
        long[] reached = {first};
        int resumesLeft = plan.resumes();
        ResponseInputStream<GetObjectResponse> in = alreadyOpen;
        byte[] buffer = new byte[BUFFER];
        while (reached[0] <= last && !failed) {
            long position = reached[0];
            if (in == null) {
                in = plan.source().open(position, last);
                open.add(in);
                Long announced = in.response().contentLength();
                if (announced != null && announced != last - position + 1) {
                    in.abort();
                    throw failure("the answer to range bytes=" + position + "-" + last + " announced " + announced
                                  + " bytes", null);
                }
            }
            try {
                copy(in, channel, reached, last, buffer);
                if (reached[0] <= last && !failed) {
                    throw new IOException("range bytes=" + first + "-" + last + " ended at byte " + reached[0]);
                }
            } catch (IOException e) {
                if (!failed && resumesLeft-- <= 0) {
                    throw failure("range bytes=" + first + "-" + last + " broke off at byte " + reached[0] + " after "
                                  + plan.resumes() + " resumes (" + e.getMessage() + ")", e);
                }
            } finally {
                open.remove(in);
                // the first answer goes on past its range, and a broken range is not worth draining
                if (reached[0] <= last || in == alreadyOpen) {
                    in.abort();
                }
                closeQuietly(in);
                in = null;
            }
        }
        synchronized (completion) {
            complete[range] = reached[0] > last;
            completion.notifyAll();
        }
    }

    /** Copies from {@code in} to the file from {@code reached[0]} up to {@code last}, moving {@code reached[0]} on. */
    private void copy(InputStream in, FileChannel channel, long[] reached, long last, byte[] buffer) throws IOException {
        while (reached[0] <= last && !failed) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, last - reached[0] + 1));
            if (n < 0) {
                return;
            }
            try {
                for (ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n); bytes.hasRemaining(); ) {
                    reached[0] += channel.write(bytes, reached[0]);
                }
            } catch (IOException e) {
                // the disk, not the connection: asking the range again would not help
                throw failure("could not write the file (" + e.getMessage() + ")", e);
            }
            if (progress != null) {
                progress.advance(n);
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // aborted or read to its end: nothing is lost
        }
    }

    /** The MD5 of the file, read back range by range as each completes, in order. */
    private String hash(FileChannel channel) throws IOException, InterruptedException {
        MessageDigest md5 = DownloadMd5.newMd5();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (int range = 0; range < complete.length; range++) {
            synchronized (completion) {
                while (!complete[range]) {
                    if (failed) {
                        return "";
                    }
                    completion.wait();
                }
            }
            long end = Math.min((range + 1) * plan.partSize(), plan.length());
            for (long at = range * plan.partSize(); at < end; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                int n = channel.read(buffer, at);
                if (n < 0) {
                    throw new IOException("the file ended at byte " + at);
                }
                md5.update(buffer.array(), 0, n);
                at += n;
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private Future<Void> take(CompletionService<Void> work) throws IOException {
        try {
            return work.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted", e);
        }
    }

    /** The task's result; its failure stops the other tasks and is rethrown as it was. */
    private <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            throw failure("interrupted", e);
        } catch (ExecutionException e) {
            failed = true;
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof IOException io) {
                throw failure("could not write the file (" + io.getMessage() + ")", io);
            }
            throw failure(String.valueOf(cause), cause);
        }
    }

    private Trays3Exception failure(String whatHappened, Throwable cause) {
        failed = true;
        return Trays3ErrorMessage.of(plan.operation()).on(plan.bucket(), plan.key())
                .progress("parallel download of " + plan.ranges() + " ranges of " + plan.partSize() + " bytes")
                .exception(whatHappened, "nothing was left at the destination; read it again", cause);
    }
}
