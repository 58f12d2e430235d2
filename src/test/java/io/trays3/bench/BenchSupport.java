package io.trays3.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.trays3.Trays3Component;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What the benchmarks share: the server's keys, clients, a Camel context, heap peaks and the result line. */
final class BenchSupport {

    static final String ACCESS_KEY = "bench";
    static final String SECRET_KEY = "bench-secret";
    static final String BUCKET = "bench";
    static final long MIB = 1024 * 1024;

    private BenchSupport() {
    }

    /** The options camel-aws2-s3 needs to reach the server. */
    static String aws2Options(URI endpoint) {
        return "overrideEndpoint=true&uriEndpointOverride=" + endpoint + "&forcePathStyle=true&region=us-east-1&accessKey="
               + ACCESS_KEY + "&secretKey=" + SECRET_KEY;
    }

    /** A context whose trays3 component points at the server (routes still to add). */
    static CamelContext camel(URI endpoint) {
        CamelContext context = new DefaultCamelContext();
        Trays3Component trays3 = new Trays3Component();
        trays3.getConfiguration().setEndpointOverride(endpoint.toString());
        trays3.getConfiguration().setForcePathStyle(true);
        trays3.getConfiguration().setAccessKey(ACCESS_KEY);
        trays3.getConfiguration().setSecretKey(SECRET_KEY);
        // -Dbench.trays3Region=us-east-1: a fixed region instead of auto, to tell the cross-region client's share
        String region = System.getProperty("bench.trays3Region");
        if (region != null) {
            trays3.getConfiguration().setRegion(region);
        }
        // -Dbench.trays3Options=verifyDownloads=false&downloadConcurrency=1: component defaults for one run, to measure
        // what a feature costs
        String options = System.getProperty("bench.trays3Options");
        if (options != null && !options.isBlank()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (String pair : options.split("&")) {
                int equals = pair.indexOf('=');
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            PropertyBindingSupport.build().withMandatory(true).withRemoveParameters(false)
                    .bind(context, trays3.getConfiguration(), values);
        }
        context.addComponent("trays3", trays3);
        return context;
    }

    /**
     * The raw SDK's client, with the HTTP client the SDK picks by default (Apache 5 on this classpath), or with
     * {@code -Dbench.sdkHttp=apache4} the Apache 4 client trays3 builds: to tell the HTTP client's share of a gap.
     */
    static S3Client client(URI endpoint) {
        var builder = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
        if ("apache4".equals(System.getProperty("bench.sdkHttp"))) {
            // as trays3 builds it: no wait for 100 Continue before an upload's body (the Apache 4 client's default waits)
            builder.httpClientBuilder(ApacheHttpClient.builder().expectContinueEnabled(false));
        }
        return builder.build();
    }

    static void ensureBucket(S3Client s3) {
        ensureBucket(s3, BUCKET);
    }

    /** Creates the bucket unless the server has it already. */
    static void ensureBucket(S3Client s3, String bucket) {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** Collects garbage and resets the heap peaks before a measured run. */
    static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the last reset, in bytes. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The CPU time this JVM has used, all threads, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The bytes the live threads of this JVM have allocated so far (threads that ended are not counted). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }

    /** The line bench scripts collect. */
    static void report(String scenario, int run, long sizeMib, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT scenario=%s run=%d size_mib=%d seconds=%.3f mib_per_s=%.1f peak_heap_mib=%.1f%n",
                          scenario, run, sizeMib, seconds, sizeMib / seconds, peakHeap() / (double) MIB);
    }
}
