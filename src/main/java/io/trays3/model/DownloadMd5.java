package io.trays3.model;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MD5 of a download as it is read. For a large download it is computed on a worker thread while the reader goes on
 * (MD5 runs at about 600 MB/s on one core, so hashing in line holds the reader up about as long as a fast network takes
 * to bring the bytes): the reader hands over each chunk it read and waits only when the worker is {@link #CHUNKS} chunks
 * behind, and at the end. Small downloads hash in line: on loopback a hand-over measured no gain at 1 MiB.
 */
final class DownloadMd5 {

    /** Downloads shorter than this (when their length is known) are hashed in line. */
    static final long IN_LINE_BELOW = 4 * 1024 * 1024;
    /** The size of a chunk handed to the worker. */
    static final int CHUNK = 512 * 1024;
    /** How much of a stable array is handed to the worker at once. */
    static final int STABLE_CHUNK = 256 * 1024;
    /** How many copied chunks a download holds at most: what it costs in memory is CHUNKS x CHUNK. */
    static final int CHUNKS = 4;

    // one pool for the JVM, not the Camel context's: a body may be read after its route's context stopped, and the work
    // is CPU only (no thread is held while a download waits for the network)
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WORKERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
                                                                          new SynchronousQueue<>(), DownloadMd5::worker);

    private final MessageDigest md5 = newMd5();
    private final boolean inLine;
    private final Deque<byte[]> spare = new ArrayDeque<>(CHUNKS);
    private int allocated;
    // the hashing still to do, in order; one drain at a time runs it on a worker, so no chunk waits for a thread
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private boolean draining;
    private RuntimeException failed;
    private byte[] chunk;
    private int filled;
    // a range of an array that stays as it is until the end (readAllBytes' own array), hashed without a copy
    private byte[] stable;
    private int stableFrom;
    private int stableTo;

    DownloadMd5(Long contentLength) {
        this.inLine = contentLength != null && contentLength < IN_LINE_BELOW;
    }

    /** Adds one byte. */
    void update(byte b) throws IOException {
        if (inLine) {
            md5.update(b);
            return;
        }
        flushStable();
        takeChunk();
        chunk[filled++] = b;
        if (filled == chunk.length) {
            submitChunk();
        }
    }

    /** Adds bytes of a buffer the caller may reuse as soon as this returns (they are copied). */
    void update(byte[] buffer, int offset, int length) throws IOException {
        if (inLine) {
            md5.update(buffer, offset, length);
            return;
        }
        flushStable();
        while (length > 0) {
            takeChunk();
            int n = Math.min(length, chunk.length - filled);
            System.arraycopy(buffer, offset, chunk, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == chunk.length) {
                submitChunk();
            }
        }
    }

    /** Adds bytes of an array that nobody changes until {@link #hex()} returned: hashed where they are. */
    void updateStable(byte[] array, int offset, int length) throws IOException {
        if (inLine) {
            md5.update(array, offset, length);
            return;
        }
        if (chunk != null && filled > 0) {
            submitChunk();
        }
        if (stable != array || stableTo != offset) {
            flushStable();
            stable = array;
            stableFrom = offset;
        }
        stableTo = offset + length;
        if (stableTo - stableFrom >= STABLE_CHUNK) {
            flushStable();
        }
    }

    /** The MD5 of everything added, as 32 hex digits, once the worker has hashed it all. */
    String hex() throws IOException {
        if (!inLine) {
            flushStable();
            if (chunk != null && filled > 0) {
                submitChunk();
            }
            synchronized (pending) {
                while (draining) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while the download's MD5 caught up");
                    }
                }
            }
            if (failed != null) {
                throw new IOException("could not compute the download's MD5", failed);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private void flushStable() {
        if (stable != null && stableTo > stableFrom) {
            byte[] array = stable;
            int from = stableFrom;
            int length = stableTo - stableFrom;
            submit(() -> md5.update(array, from, length));
            stableFrom = stableTo;
        }
    }

    /** Makes a chunk to copy into: the one being filled, a spare one, a new one, or (all in use) the next one freed. */
    private void takeChunk() throws IOException {
        if (chunk != null) {
            return;
        }
        synchronized (spare) {
            while (spare.isEmpty() && allocated == CHUNKS) {
                try {
                    spare.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the download's MD5 caught up");
                }
            }
            if (!spare.isEmpty()) {
                chunk = spare.pop();
            } else {
                allocated++;
                chunk = new byte[CHUNK];
            }
        }
        filled = 0;
    }

    private void submitChunk() {
        byte[] full = chunk;
        int length = filled;
        chunk = null;
        filled = 0;
        submit(() -> {
            md5.update(full, 0, length);
            synchronized (spare) {
                spare.push(full);
                spare.notifyAll();
            }
        });
    }

    private void submit(Runnable hashing) {
        synchronized (pending) {
            pending.add(hashing);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            WORKERS.execute(this::drain);
        } catch (RejectedExecutionException | OutOfMemoryError e) {
            // no thread to be had (the JVM's limit): the reader hashes what is pending itself, in order
            drain();
        }
    }

    /** Runs the pending hashing in order until none is left. */
    private void drain() {
        while (true) {
            Runnable next;
            synchronized (pending) {
                next = pending.poll();
                if (next == null) {
                    draining = false;
                    pending.notifyAll();
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                failed = e;
            }
        }
    }

    private static Thread worker(Runnable task) {
        Thread thread = new Thread(task, "trays3-md5-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }
}
