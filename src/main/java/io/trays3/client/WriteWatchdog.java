package io.trays3.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that bounds request body writes by progress. A socket write has no timeout in Java: a server that
 * stops reading leaves the sending thread blocked for ever. This client watches how the request body is taken by the
 * socket (the HTTP client reads the body as the socket accepts it) and aborts the attempt, which closes the connection
 * and unblocks the write, when no byte was taken for {@code stallMillis}; the attempt then fails with an
 * {@link IOException} that the SDK retries. Reading the answer is bounded by the socket timeout as usual.
 *
 * <p>It owns its delegate and one timer thread, both closed with it.
 */
final class WriteWatchdog implements SdkHttpClient {

    /** Request bodies up to this length (the encoded length, with aws-chunked framing) are not watched. */
    static final long UNWATCHED_BODY = 8 * 1024;

    private final SdkHttpClient delegate;
    private final long stallMillis;
    private final ScheduledExecutorService timer;

    WriteWatchdog(SdkHttpClient delegate, long stallMillis) {
        this.delegate = delegate;
        this.stallMillis = stallMillis;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "trays3-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (stallMillis <= 0 || request.contentStreamProvider().isEmpty() || fitsSendBuffer(request)) {
            return delegate.prepareRequest(request);
        }
        Watch watch = new Watch();
        ContentStreamProvider body = request.contentStreamProvider().get();
        HttpExecuteRequest watched = HttpExecuteRequest.builder()
                .request(request.httpRequest())
                .metricCollector(request.metricCollector().orElse(null))
                .contentStreamProvider(() -> watch.track(body.newStream()))
                .build();
        ExecutableHttpRequest executable = delegate.prepareRequest(watched);
        watch.onStall = executable::abort;
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return executable.call();
                } catch (IOException | RuntimeException e) {
                    if (watch.stalled) {
                        throw new IOException("the server took no byte of the request body for " + stallMillis
                                              + " ms (socketTimeout); the attempt was aborted", e);
                    }
                    throw e;
                } finally {
                    watch.stop();
                }
            }

            @Override
            public void abort() {
                executable.abort();
            }
        };
    }

    /**
     * Whether the body is small enough for the socket's send buffer (16 KiB or more) to take it whole, so that its write
     * cannot block: no watch, and no timer task, for the many small puts.
     */
    private static boolean fitsSendBuffer(HttpExecuteRequest request) {
        return request.httpRequest().firstMatchingHeader("Content-Length").map(length -> {
            try {
                return Long.parseLong(length.trim()) <= UNWATCHED_BODY;
            } catch (NumberFormatException e) {
                return false;
            }
        }).orElse(false);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        delegate.close();
    }

    /** The progress of one request body: armed at its first read, checked when it would time out. */
    private final class Watch {

        private volatile Runnable onStall;
        private volatile long lastProgress;
        private volatile boolean finished;
        private volatile boolean stalled;
        private ScheduledFuture<?> check;

        InputStream track(InputStream stream) {
            progress();
            synchronized (this) {
                // the HTTP client may open the body again within one attempt: each opening is watched
                finished = false;
                if (check == null || check.isDone()) {
                    check = timer.schedule(this::check, stallMillis, TimeUnit.MILLISECONDS);
                }
            }
            return new FilterInputStream(stream) {
                @Override
                public int read() throws IOException {
                    return progress(super.read());
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return progress(super.read(buffer, offset, length));
                }

                @Override
                public void close() throws IOException {
                    // the body is sent (or given up): waiting for the answer is the socket timeout's job
                    stop();
                    super.close();
                }
            };
        }

        private void progress() {
            lastProgress = System.nanoTime();
        }

        private int progress(int read) {
            progress();
            if (read < 0) {
                stop();
            }
            return read;
        }

        private synchronized void check() {
            if (finished) {
                return;
            }
            long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProgress);
            if (idle >= stallMillis) {
                stalled = true;
                Runnable abort = onStall;
                if (abort != null) {
                    abort.run();
                }
                return;
            }
            check = timer.schedule(this::check, stallMillis - idle, TimeUnit.MILLISECONDS);
        }

        synchronized void stop() {
            finished = true;
            if (check != null) {
                check.cancel(false);
            }
        }
    }
}
