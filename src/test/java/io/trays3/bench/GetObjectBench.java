package io.trays3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import io.trays3.Trays3Component;
import io.trays3.app.EmbeddedS3Server;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Downloads one large object to a file and reports time and peak heap: trays3's getObject, Camel's own aws2-s3 (the
 * baseline) or the raw SDK. One scenario per JVM, so peaks do not mix; bench/getobject.sh runs them all and prints ratios.
 *
 * <p>Usage: {@code GetObjectBench <data-dir> <size-mib> <trays3|aws2-s3|sdk> <repeats>}.
 */
public final class GetObjectBench {

    private static final String ACCESS_KEY = "bench";
    private static final String SECRET_KEY = "bench-secret";
    private static final String BUCKET = "bench";

    private GetObjectBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long sizeMib = Long.parseLong(args[1]);
        String scenario = args[2];
        int repeats = Integer.parseInt(args[3]);
        String key = "object-" + sizeMib + "mib.bin";
        Path out = Files.createTempDirectory("trays3-bench-out");
        try (EmbeddedS3Server server = EmbeddedS3Server.start("127.0.0.1", 0, dataDir.resolve("store"), ACCESS_KEY,
                                                              SECRET_KEY);
             S3Client sdk = client(server.endpoint())) {
            ensureObject(sdk, dataDir, key, sizeMib);
            for (int run = 1; run <= repeats; run++) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long heapBefore = heapUsed();
                long start = System.nanoTime();
                Path file = out.resolve("download-" + run);
                switch (scenario) {
                    case "trays3" -> camel(server.endpoint(), false, key, file);
                    case "aws2-s3" -> camel(server.endpoint(), true, key, file);
                    case "sdk" -> sdk.getObject(g -> g.bucket(BUCKET).key(key), file);
                    default -> throw new IllegalArgumentException("scenario: trays3, aws2-s3 or sdk");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long size = Files.size(file);
                if (size != sizeMib * 1024 * 1024) {
                    throw new IllegalStateException("downloaded " + size + " bytes, expected " + sizeMib + " MiB");
                }
                Files.delete(file);
                System.out.printf(Locale.ROOT, "RESULT scenario=%s run=%d size_mib=%d seconds=%.3f mib_per_s=%.1f"
                                  + " peak_heap_mib=%.1f heap_before_mib=%.1f%n", scenario, run, sizeMib, seconds,
                                  sizeMib / seconds, peakHeap() / 1048576.0, heapBefore / 1048576.0);
            }
        } finally {
            Files.deleteIfExists(out);
        }
        System.exit(0);
    }

    /** A route that downloads to a file: trays3's getObject, or camel-aws2-s3's getObject (its default settings). */
    private static void camel(URI endpoint, boolean aws2, String key, Path file) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Trays3Component trays3 = new Trays3Component();
        trays3.getConfiguration().setEndpointOverride(endpoint.toString());
        trays3.getConfiguration().setForcePathStyle(true);
        trays3.getConfiguration().setAccessKey(ACCESS_KEY);
        trays3.getConfiguration().setSecretKey(SECRET_KEY);
        context.addComponent("trays3", trays3);
        String source = aws2
                ? "aws2-s3://" + BUCKET + "?operation=getObject&overrideEndpoint=true&uriEndpointOverride=" + endpoint
                  + "&forcePathStyle=true&region=us-east-1&accessKey=" + ACCESS_KEY + "&secretKey=" + SECRET_KEY
                : "trays3:getObject?bucket=" + BUCKET;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download")
                        .setHeader(aws2 ? "CamelAwsS3Key" : "CamelTrays3Key", constant(key))
                        .to(source)
                        .to("file:" + file.getParent() + "?fileName=" + file.getFileName());
            }
        });
        context.start();
        try {
            context.createProducerTemplate().sendBody("direct:download", null);
        } finally {
            context.stop();
        }
    }

    private static void ensureObject(S3Client sdk, Path dataDir, String key, long sizeMib) throws IOException {
        if (sdk.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            sdk.createBucket(b -> b.bucket(BUCKET));
        }
        boolean present = sdk.listObjectsV2(l -> l.bucket(BUCKET).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key) && o.size() == sizeMib * 1024 * 1024);
        if (!present) {
            Path source = dataDir.resolve(key);
            Random random = new Random(42);
            byte[] block = new byte[1024 * 1024];
            try (OutputStream stream = Files.newOutputStream(source)) {
                for (long i = 0; i < sizeMib; i++) {
                    random.nextBytes(block);
                    stream.write(block);
                }
            }
            try (InputStream in = Files.newInputStream(source)) {
                sdk.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromInputStream(in, Files.size(source)));
            }
            Files.delete(source);
        }
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
