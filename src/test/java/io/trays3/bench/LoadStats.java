package io.trays3.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Latencies and errors by label (an operation, or a variant of one), for one worker; merged at the end of the run. */
final class LoadStats {

    /** The error messages kept, so a failed run says why without printing thousands of lines. */
    private static final int KEPT_MESSAGES = 20;

    private final Map<String, Series> byLabel = new TreeMap<>();
    private final List<String> messages = new ArrayList<>();
    private long bytesUp;
    private long bytesDown;

    /** One label's samples. */
    static final class Series {
        private long[] nanos = new long[256];
        private int count;
        private long errors;

        void add(long sample) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = sample;
        }

        int count() {
            return count;
        }

        long errors() {
            return errors;
        }

        /** The p-th quantile (0 < p <= 1) in milliseconds, nearest rank. */
        double millis(double p) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return count == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * count) - 1)] / 1e6;
        }

        void addAll(Series other) {
            for (int i = 0; i < other.count; i++) {
                add(other.nanos[i]);
            }
            errors += other.errors;
        }
    }

    void record(String label, long nanos, String failure) {
        Series series = byLabel.computeIfAbsent(label, l -> new Series());
        series.add(nanos);
        if (failure != null) {
            series.errors++;
            if (messages.size() < KEPT_MESSAGES) {
                messages.add(label + ": " + failure);
            }
        }
    }

    void up(long bytes) {
        bytesUp += bytes;
    }

    void down(long bytes) {
        bytesDown += bytes;
    }

    void addAll(LoadStats other) {
        other.byLabel.forEach((label, series) -> byLabel.computeIfAbsent(label, l -> new Series()).addAll(series));
        other.messages.stream().limit(Math.max(0, KEPT_MESSAGES - messages.size())).forEach(messages::add);
        bytesUp += other.bytesUp;
        bytesDown += other.bytesDown;
    }

    Map<String, Series> byLabel() {
        return byLabel;
    }

    List<String> messages() {
        return messages;
    }

    long operations() {
        return byLabel.values().stream().mapToLong(Series::count).sum();
    }

    long errors() {
        return byLabel.values().stream().mapToLong(Series::errors).sum();
    }

    long bytesUp() {
        return bytesUp;
    }

    long bytesDown() {
        return bytesDown;
    }

    /** The per-label table in Markdown, with a total row. */
    String table() {
        StringBuilder out = new StringBuilder("| operation | count | errors | p50 ms | p99 ms | max ms |\n"
                                            + "|---|---:|---:|---:|---:|---:|\n");
        Series all = new Series();
        byLabel.forEach((label, series) -> {
            out.append(row(label, series));
            all.addAll(series);
        });
        return out.append(row("**all**", all)).toString();
    }

    private static String row(String label, Series series) {
        return String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.1f |%n", label, series.count(), series.errors(),
                             series.millis(0.5), series.millis(0.99), series.millis(1.0));
    }
}
