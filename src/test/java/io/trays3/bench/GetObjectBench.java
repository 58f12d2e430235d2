package io.trays3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.bench.BenchSupport.BUCKET;
import static io.trays3.bench.BenchSupport.MIB;

/**
 * Downloads one large object to a file and reports time and peak heap: trays3's getObject, Camel's own aws2-s3 (the
 * baseline) or the raw SDK. One scenario per JVM, so peaks do not mix; bench/getobject.sh runs them all and prints ratios.
 *
 * <p>Usage: {@code GetObjectBench <server-endpoint> <size-mib> <trays3|aws2-s3|sdk> <repeats>} (see {@link BenchServer}).
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
        try (S3Client sdk = BenchSupport.client(endpoint)) {
            ensureObject(sdk, out, key, sizeMib);
            for (int run = 1; run <= repeats; run++) {
                BenchSupport.resetPeaks();
                long start = System.nanoTime();
                Path file = out.resolve("download-" + run);
                switch (scenario) {
                    case "trays3" -> camel(endpoint, false, key, file);
                    case "aws2-s3" -> camel(endpoint, true, key, file);
                    case "sdk" -> sdk.getObject(g -> g.bucket(BUCKET).key(key), file);
                    default -> throw new IllegalArgumentException("scenario: trays3, aws2-s3 or sdk");
                }
                BenchSupport.report(scenario, run, sizeMib, start);
                if (Files.size(file) != sizeMib * MIB) {
                    throw new IllegalStateException("downloaded " + Files.size(file) + " bytes, expected " + sizeMib + " MiB");
                }
                Files.delete(file);
            }
        } finally {
            Files.deleteIfExists(out);
        }
        System.exit(0);
    }

    /** A route that downloads to a file: trays3's getObject, or camel-aws2-s3's getObject (its default settings). */
    private static void camel(URI endpoint, boolean aws2, String key, Path file) throws Exception {
        CamelContext context = BenchSupport.camel(endpoint);
        String source = aws2 ? "aws2-s3://" + BUCKET + "?operation=getObject&" + BenchSupport.aws2Options(endpoint)
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
