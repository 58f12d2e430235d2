package io.trays3.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.trays3.support.FaultProxy;
import io.trays3.support.FaultProxy.Fault;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.bench.BenchSupport.BUCKET;
import static io.trays3.bench.BenchSupport.MIB;

/**
 * Downloads one large object to a file and reports time and peak heap: trays3's getObject, Camel's own aws2-s3 (the
 * baseline) or the raw SDK. One scenario per JVM, so peaks do not mix; bench/getobject.sh runs them all and prints ratios.
 * trays3 writes the body straight to the file endpoint (one stream); trays3-spool converts it to a File first with
 * downloadConcurrency=1 (one stream into a spool file the file endpoint copies); trays3-ranges does the same with
 * {@code BENCH_CONCURRENCY} (default 4) ranges of {@code BENCH_PART_MIB} (default 8) MiB at once. With
 * {@code BENCH_THROTTLE_MIBPS} set, every download goes through a {@link FaultProxy} that passes each connection's answer
 * on at most that many MiB/s: a server whose throughput is limited per connection.
 *
 * <p>Usage: {@code GetObjectBench <server-endpoint> <size-mib> <trays3|trays3-spool|trays3-ranges|aws2-s3|sdk> <repeats>}
 * (see {@link BenchServer}).
 */
public final class GetObjectBench {

    private GetObjectBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long sizeMib = Long.parseLong(args[1]);
        String scenario = args[2];
        int repeats = Integer.parseInt(args[3]);
        String key = "object-" + sizeMib + "mib.bin";
        Path out = Files.createTempDirectory("trays3-bench-out");
        String throttle = System.getenv("BENCH_THROTTLE_MIBPS");
        FaultProxy proxy = throttle == null || throttle.isBlank() ? null : FaultProxy.start(endpoint)
                .inject(r -> r.method().equals("GET"), Fault.throttle(Long.parseLong(throttle) * MIB), Integer.MAX_VALUE);
        URI via = proxy == null ? endpoint : proxy.endpoint();
        try (S3Client direct = BenchSupport.client(endpoint); S3Client sdk = BenchSupport.client(via)) {
            ensureObject(direct, out, key, sizeMib);
            for (int run = 1; run <= repeats; run++) {
                BenchSupport.resetPeaks();
                long start = System.nanoTime();
                Path file = out.resolve("download-" + run);
                switch (scenario) {
                    case "trays3" -> camel(via, "trays3:getObject?bucket=" + BUCKET, false, key, file);
                    case "trays3-spool" -> camel(via, "trays3:getObject?downloadConcurrency=1&bucket=" + BUCKET, true, key,
                                                 file);
                    case "trays3-ranges" -> camel(via, "trays3:getObject?bucket=" + BUCKET + "&downloadConcurrency="
                            + env("BENCH_CONCURRENCY", 4) + "&downloadPartSize=" + env("BENCH_PART_MIB", 8) * MIB, true, key,
                            file);
                    case "aws2-s3" -> camel(via, "aws2-s3://" + BUCKET + "?operation=getObject&" + BenchSupport.aws2Options(via),
                                            false, key, file);
                    case "sdk" -> sdk.getObject(g -> g.bucket(BUCKET).key(key), file);
                    default -> throw new IllegalArgumentException("scenario: trays3, trays3-spool, trays3-ranges, aws2-s3"
                                                                  + " or sdk");
                }
                BenchSupport.report(scenario, run, sizeMib, start);
                if (Files.size(file) != sizeMib * MIB) {
                    throw new IllegalStateException("downloaded " + Files.size(file) + " bytes, expected " + sizeMib + " MiB");
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(out);
            if (proxy != null) {
                proxy.close();
            }
        }
        System.exit(0);
    }

    private static long env(String name, long otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : Long.parseLong(value);
    }

    /**
     * A route that downloads to a file: trays3's getObject, or camel-aws2-s3's getObject (its default settings); with
     * {@code toFile}, the body is converted to a File before the file endpoint.
     */
    private static void camel(URI endpoint, String source, boolean toFile, String key, Path file) throws Exception {
        CamelContext context = BenchSupport.camel(endpoint);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                RouteDefinition route = from("direct:download")
                        .setHeader("CamelTrays3Key", constant(key))
                        .setHeader("CamelAwsS3Key", constant(key))
                        .to(source);
                if (toFile) {
                    route.convertBodyTo(File.class);
                }
                route.to("file:" + file.getParent() + "?fileName=" + file.getFileName());
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
        BenchSupport.ensureBucket(sdk);
        boolean present = sdk.listObjectsV2(l -> l.bucket(BUCKET).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key) && o.size() == sizeMib * MIB);
        if (!present) {
            Path source = dataDir.resolve(key);
            Random random = new Random(42);
            byte[] block = new byte[(int) MIB];
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
}
