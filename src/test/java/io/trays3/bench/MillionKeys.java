package io.trays3.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.bench.BenchServer.INDEXED_BUCKET;
import static io.trays3.bench.BenchServer.INDEXED_PREFIX;
import static io.trays3.bench.BenchSupport.MIB;

/**
 * Streams a bucket of a million keys through trays3 routes in a small heap ({@code -Xmx64m}): first a listing alone
 * ({@code listBucketObjects?streamed=true} → {@code split(body()).streaming()}, every key counted and checked to come
 * after the one before it: in order, none twice), then the same listing split into lists of 1000 entries
 * ({@code split(simple("${collate(1000)}")).streaming()}), each checked and deleted by a {@code deleteMultipleObjects}
 * exchange as it passes; then checks the bucket is empty. With {@code --whole}, the second pass hands the streamed
 * listing to one {@code deleteMultipleObjects} exchange instead (its result lists every key deleted).
 * bench/million-keys.sh starts the server ({@link BenchServer} --keys).
 *
 * <p>Usage: {@code MillionKeys <server-endpoint> <count> [--whole]}.
 */
public final class MillionKeys {

    private static final String LISTING = "trays3:listBucketObjects?streamed=true&prefix=" + INDEXED_PREFIX + "&bucket="
                                          + INDEXED_BUCKET;
    private static final String DELETE = "trays3:deleteMultipleObjects?bucket=" + INDEXED_BUCKET;

    private long count;
    private String previous;
    private long deleted;

    private MillionKeys() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long expected = Long.parseLong(args[1]);
        boolean whole = args.length > 2 && "--whole".equals(args[2]);
        MillionKeys keys = new MillionKeys();
        CamelContext camel = BenchSupport.camel(endpoint);
        camel.addRoutes(keys.routes());
        camel.start();
        int status = 0;
        try (S3Client s3 = BenchSupport.client(endpoint)) {
            System.out.printf(Locale.ROOT, "max heap %d MiB%n", Runtime.getRuntime().maxMemory() / MIB);
            status |= keys.pass(camel, "list", "direct:list", expected, false);
            status |= keys.pass(camel, whole ? "list + delete (one exchange)" : "list + delete (batches of 1000)",
                                whole ? "direct:delete-whole" : "direct:delete", expected, true);
            int left = s3.listObjectsV2(l -> l.bucket(INDEXED_BUCKET).maxKeys(1)).keyCount();
            System.out.println("keys left in the bucket: " + left);
            status |= left == 0 ? 0 : 1;
        } finally {
            camel.close();
        }
        System.exit(status);
    }

    private RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to(LISTING)
                        .split(body()).streaming()
                            .process(e -> check(e.getMessage().getBody(Map.class)))
                        .end();
                from("direct:delete").to(LISTING)
                        .split(simple("${collate(1000)}")).streaming()
                            .process(e -> e.getMessage().getBody(List.class).forEach(entry -> check((Map<?, ?>) entry)))
                            .to(DELETE)
                            .process(e -> deleted += ((List<?>) e.getMessage().getBody(Map.class).get("Deleted")).size())
                        .end();
                from("direct:delete-whole").to(LISTING).to(DELETE)
                        .process(e -> {
                            deleted = ((List<?>) e.getMessage().getBody(Map.class).get("Deleted")).size();
                            count = deleted;
                        });
            }
        };
    }

    private void check(Map<?, ?> entry) {
        String key = (String) entry.get("Key");
        if (previous != null && key.compareTo(previous) <= 0) {
            throw new IllegalStateException("key " + key + " came after " + previous + ": not in order, or twice");
        }
        previous = key;
        count++;
    }

    /** One pass over the bucket; prints its figures and returns 0 when it saw (and deleted) what it should. */
    private int pass(CamelContext camel, String name, String route, long expected, boolean deletes) {
        count = 0;
        deleted = 0;
        previous = null;
        BenchSupport.resetPeaks();
        long gcCount = gcCount();
        long gcMillis = gcMillis();
        long start = System.nanoTime();
        camel.createProducerTemplate().sendBody(route, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean ok = count == expected && (!deletes || deleted == expected);
        System.out.printf(Locale.ROOT, "%s: %d keys%s in %.1f s (%.0f keys/s), peak heap %.1f MiB, %d GCs (%d ms);"
                          + " last key %s%s%n", name, count, deletes ? ", " + deleted + " deleted" : "", seconds,
                          count / seconds, BenchSupport.peakHeap() / (double) MIB, gcCount() - gcCount, gcMillis() - gcMillis,
                          previous, ok ? "" : "  WRONG: expected " + expected);
        return ok ? 0 : 1;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }
}
