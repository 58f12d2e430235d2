package io.trays3.metrics;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An upload or download in flight: the bytes moved so far, out of how many when that is known. Ends once, when the
 * upload completes or is aborted, or the download is closed.
 */
public final class Transfer {

    private final long id;
    private final String operation;
    private final String bucket;
    private final String key;
    private final Direction direction;
    private final long total;
    private final Instant started = Instant.now();
    private final AtomicLong done = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Consumer<Transfer> onEnd;

    Transfer(long id, String operation, String bucket, String key, Direction direction, long total, Consumer<Transfer> onEnd) {
        this.id = id;
        this.operation = operation;
        this.bucket = bucket;
        this.key = key;
        this.direction = direction;
        this.total = total;
        this.onEnd = onEnd;
    }

    /** Notes bytes moved. */
    public void progress(long bytes) {
        if (bytes > 0) {
            done.addAndGet(bytes);
        }
    }

    /** Ends the transfer; later calls do nothing. */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
        }
    }

    public long id() {
        return id;
    }

    public String operation() {
        return operation;
    }

    public String bucket() {
        return bucket;
    }

    public String key() {
        return key;
    }

    public Direction direction() {
        return direction;
    }

    /** The bytes to move, or -1 when not known (a stream uploaded in parts). */
    public long total() {
        return total;
    }

    /** The bytes moved so far. */
    public long done() {
        return done.get();
    }

    public Instant started() {
        return started;
    }
}
