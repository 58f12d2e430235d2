package io.trays3.model;

import java.util.Locale;

/**
 * How far a long transfer got: what {@link ProgressMeter} logs, sets as the exchange property
 * {@code CamelTrays3Progress} and hands to a {@link ProgressListener}.
 *
 * @param operation     the operation (getObject, putObjectFile, listBucketObjects, deleteMultipleObjects)
 * @param target        what it works on: {@code s3://bucket/key} or {@code s3://bucket}
 * @param unit          bytes or keys
 * @param done          bytes or keys done so far
 * @param total         bytes or keys in all, or -1 when unknown (a stream, a listing)
 * @param elapsedMillis since the transfer started
 * @param finished      whether this is the last report of the transfer
 */
public record Progress(String operation, String target, Unit unit, long done, long total, long elapsedMillis,
                       boolean finished) {

    private static final double MB = 1_000_000d;

    /** What is counted. */
    public enum Unit {
        /** Bytes moved. */
        BYTES,
        /** Keys listed or deleted. */
        KEYS
    }

    /** Percent done (0 to 100), or -1 when the total is unknown. */
    public double percent() {
        if (total < 0) {
            return -1;
        }
        return total == 0 ? 100 : Math.min(100, done * 100d / total);
    }

    /** Bytes or keys per second so far. */
    public double perSecond() {
        return elapsedMillis <= 0 ? 0 : done * 1000d / elapsedMillis;
    }

    /** Seconds still to go at the rate so far, or -1 when the total is unknown or nothing moved yet. */
    public long etaSeconds() {
        double rate = perSecond();
        if (total < 0 || rate <= 0) {
            return -1;
        }
        return (long) Math.ceil(Math.max(0, total - done) / rate);
    }

    /** The log line: {@code getObject s3://b/k: 512.0 of 2048.0 MB (25.0 %), 97.3 MB/s, ETA 16 s}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("trays3 ").append(operation).append(' ').append(target)
                .append(finished ? " done: " : ": ");
        if (unit == Unit.BYTES) {
            line.append(format("%.1f", done / MB));
            if (total >= 0) {
                line.append(" of ").append(format("%.1f", total / MB));
            }
            line.append(" MB");
        } else {
            line.append(done);
            if (total >= 0) {
                line.append(" of ").append(total);
            }
            line.append(" keys");
        }
        if (total >= 0) {
            line.append(" (").append(format("%.1f", percent())).append(" %)");
        }
        line.append(", ").append(unit == Unit.BYTES ? format("%.1f MB/s", perSecond() / MB) : format("%.0f keys/s", perSecond()));
        if (finished) {
            line.append(" in ").append(format("%.1f", elapsedMillis / 1000d)).append(" s");
        } else if (etaSeconds() >= 0) {
            line.append(", ETA ").append(etaSeconds()).append(" s");
        }
        return line.toString();
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
