package io.trays3.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.trays3.bench.ScaleBench.Result;

/** {@link ScaleBench}'s table (markdown, also printed) and its chart of trays3's time ratios (an SVG written by hand). */
final class ScaleReport {

    private ScaleReport() {
    }

    /** One row per case: each client's median (and MB/s, peak heap), then trays3's time ratios to the SDK and aws2-s3. */
    static List<String> table(List<Result> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| case | runs | sdk | trays3 | aws2-s3 | trays3 / sdk | trays3 / aws2-s3 |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Map<String, Result>> row : byCase(results).entrySet()) {
            Map<String, Result> clients = row.getValue();
            Result trays3 = clients.get("trays3");
            StringBuilder line = new StringBuilder("| ").append(trays3.title()).append(" | ").append(trays3.runs());
            for (String client : ScaleBench.CLIENTS) {
                line.append(" | ").append(cell(clients.get(client)));
            }
            line.append(" | ").append(ratio(trays3, clients.get("sdk"))).append(" | ")
                    .append(ratio(trays3, clients.get("aws2-s3"))).append(" |");
            lines.add(line.toString());
        }
        lines.add("");
        lines.add("Medians of the runs; MB/s is 10^6 bytes per second; peak heap is the highest heap use seen in any run of that"
                  + " client (garbage included); ratios are of times, below 1 = trays3 faster.");
        return lines;
    }

    /** Horizontal bars of trays3's time ratios, one pair per case, with the line at 1 (equal time). */
    static String svg(List<Result> results, boolean quick) {
        Map<String, Map<String, Result>> cases = byCase(results);
        int rowHeight = 34;
        int left = 260;
        int plotWidth = 440;
        int top = 50;
        int height = top + cases.size() * rowHeight + 50;
        double max = 2.0;
        for (Map<String, Result> clients : cases.values()) {
            for (String other : List.of("sdk", "aws2-s3")) {
                max = Math.max(max, Math.ceil(time(clients.get("trays3")) / time(clients.get(other)) * 2) / 2);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                              + " font-family=\"sans-serif\" font-size=\"12\">%n",
                                 left + plotWidth + 40, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">trays3's time"
                                              + " / the SDK's and aws2-s3's (below 1: trays3 faster)%s</text>%n",
                                 quick ? ", --quick run" : ""));
        legend(svg, left, 36);
        for (double tick = 0; tick <= max + 1e-9; tick += 0.5) {
            double x = left + tick / max * plotWidth;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n", x, top,
                                     x, height - 30, tick == 1.0 ? "black" : "#ddd"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n", x,
                                     height - 15, tick));
        }
        int row = 0;
        for (Map<String, Result> clients : cases.values()) {
            Result trays3 = clients.get("trays3");
            int y = top + row++ * rowHeight;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 8,
                                     y + 20, escape(trays3.title())));
            bar(svg, left, plotWidth, max, y + 4, time(trays3) / time(clients.get("sdk")), "#4c78a8");
            bar(svg, left, plotWidth, max, y + 17, time(trays3) / time(clients.get("aws2-s3")), "#f58518");
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void legend(StringBuilder svg, int x, int y) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#4c78a8\"/>"
                                              + "<text x=\"%d\" y=\"%d\">trays3 / sdk</text>%n", x, y - 9, x + 16, y));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"#f58518\"/>"
                                              + "<text x=\"%d\" y=\"%d\">trays3 / aws2-s3</text>%n", x + 120, y - 9, x + 136,
                                 y));
    }

    private static void bar(StringBuilder svg, int left, int width, double max, int y, double ratio, String colour) {
        double length = Math.min(ratio, max) / max * width;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>%n", left, y,
                                 length, colour));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.2f</text>%n", left + length + 4,
                                 y + 10, ratio));
    }

    private static Map<String, Map<String, Result>> byCase(List<Result> results) {
        Map<String, Map<String, Result>> cases = new LinkedHashMap<>();
        for (Result result : results) {
            cases.computeIfAbsent(result.kind(), k -> new LinkedHashMap<>()).put(result.client(), result);
        }
        return cases;
    }

    private static String cell(Result result) {
        String text = String.format(Locale.ROOT, "%.3f s", result.medianSeconds());
        if (result.megabytes() > 0) {
            text += String.format(Locale.ROOT, result.mbPerSecond() < 10 ? ", %.2f MB/s" : ", %.0f MB/s", result.mbPerSecond());
        }
        if (result.megabytes() >= 100) {
            text += String.format(Locale.ROOT, ", peak heap %.0f MiB", result.peakHeapMib());
        }
        return text;
    }

    private static String ratio(Result trays3, Result other) {
        return String.format(Locale.ROOT, "%.2f", time(trays3) / time(other));
    }

    private static double time(Result result) {
        return result.medianSeconds();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
