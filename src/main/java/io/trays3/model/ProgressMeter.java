package io.trays3.model;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a transfer's bytes or keys and reports them at most once per interval: an INFO log line, the exchange property
 * {@code CamelTrays3Progress} (a {@link Progress}) and an optional {@link ProgressListener}. Nothing is reported before
 * one interval has passed, so short transfers stay quiet; the last report (finished) is logged only for a transfer that
 * lasted an interval or more. Safe to advance from several threads.
 */
public final class ProgressMeter {

    /** The exchange property that holds the latest {@link Progress}. */
    public static final String PROPERTY = "CamelTrays3Progress";
    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);

    private final String operation;
    private final String target;
    private final Progress.Unit unit;
    private final long total;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Exchange exchange;
    private final ProgressListener listener;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport;
    private final AtomicBoolean finished = new AtomicBoolean();

    /**
     * @param total          bytes or keys in all, -1 when unknown
     * @param intervalMillis the shortest time between two reports
     * @param clock          nanoseconds, as {@link System#nanoTime()}
     * @param exchange       where the property is set; null for none
     * @param listener       null for none
     */
    public ProgressMeter(String operation, String target, Progress.Unit unit, long total, long intervalMillis,
                         LongSupplier clock, Exchange exchange, ProgressListener listener) {
        this.operation = operation;
        this.target = target;
        this.unit = unit;
        this.total = total;
        this.intervalNanos = Math.max(0, intervalMillis) * 1_000_000L;
        this.clock = clock;
        this.exchange = exchange;
        this.listener = listener;
        this.start = clock.getAsLong();
        this.lastReport = new AtomicLong(start);
    }

    /** Counts {@code amount} more bytes or keys, and reports when an interval has passed since the last report. */
    public void advance(long amount) {
        done.addAndGet(amount);
        long now = clock.getAsLong();
        long last = lastReport.get();
        if (now - last >= intervalNanos && !finished.get() && lastReport.compareAndSet(last, now)) {
            Progress progress = snapshot(now, false);
            LOG.info("{}", progress);
            publish(progress);
        }
    }

    /** Ends the transfer: the last report (logged only if the transfer took an interval or more). Only the first counts. */
    public void finish() {
        if (finished.compareAndSet(false, true)) {
            long now = clock.getAsLong();
            Progress progress = snapshot(now, true);
            if (now - start >= intervalNanos) {
                LOG.info("{}", progress);
            }
            publish(progress);
        }
    }

    /** Bytes or keys counted so far. */
    public long done() {
        return done.get();
    }

    private Progress snapshot(long now, boolean last) {
        return new Progress(operation, target, unit, done.get(), total, (now - start) / 1_000_000L, last);
    }

    private void publish(Progress progress) {
        if (exchange != null) {
            exchange.setProperty(PROPERTY, progress);
        }
        if (listener != null) {
            listener.progress(progress);
        }
    }
}
