package io.trays3.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.bench.BenchSupport.BUCKET;
import static io.trays3.bench.BenchSupport.MIB;

/**
 * Uploads a stream of unknown size (generated on the fly, never held in memory by the benchmark) or a file, and reports
 * time and peak heap: trays3's putObjectFile (multipart, a few 8 MiB parts on the wire at once) or Camel's own aws2-s3
 * putObject (the baseline), with Camel's stream caching off so the producers get the stream itself. One scenario per
 * JVM; bench/putobject.sh (streams) and bench/putfile.sh (files) run them and print ratios.
 *
 * <p>Usage: {@code PutObjectBench <server-endpoint> <size-mib> <trays3|aws2-s3>[-file] <repeats>} (see
 * {@link BenchServer}).
 */
public final class PutObjectBench {

    private PutObjectBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        long sizeMib = Long.parseLong(args[1]);
        String scenario = args[2];
        int repeats = Integer.parseInt(args[3]);
        boolean fromFile = scenario.endsWith("-file");
        String producer = fromFile ? scenario.substring(0, scenario.length() - "-file".length()) : scenario;
        if (!producer.equals("trays3") && !producer.equals("aws2-s3")) {
            throw new IllegalArgumentException("scenario: trays3, aws2-s3, trays3-file or aws2-s3-file");
        }
        File file = fromFile ? writeFile(sizeMib) : null;
        try (S3Client sdk = BenchSupport.client(endpoint)) {
            BenchSupport.ensureBucket(sdk);
            for (int run = 1; run <= repeats; run++) {
                String key = "upload-" + scenario + "-" + run;
                BenchSupport.resetPeaks();
                long start = System.nanoTime();
                Object body = fromFile ? file : new GeneratedStream(sizeMib * MIB);
                camel(endpoint, "aws2-s3".equals(producer), key, body);
                BenchSupport.report(scenario, run, sizeMib, start);
                long stored = sdk.headObject(h -> h.bucket(BUCKET).key(key)).contentLength();
                if (stored != sizeMib * MIB) {
                    throw new IllegalStateException("stored " + stored + " bytes, expected " + sizeMib + " MiB");
                }
                sdk.deleteObject(d -> d.bucket(BUCKET).key(key));
            }
        }
        System.exit(0);
    }

    /** The generated content as a file, written before any measured run and deleted when the JVM ends. */
    private static File writeFile(long sizeMib) throws IOException {
        Path path = Files.createTempFile("trays3-bench-", ".bin");
        path.toFile().deleteOnExit();
        try (InputStream content = new GeneratedStream(sizeMib * MIB)) {
            Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
        }
        return path.toFile();
    }

    private static void camel(URI endpoint, boolean aws2, String key, Object body) throws Exception {
        CamelContext context = BenchSupport.camel(endpoint);
        // Camel would otherwise cache the whole stream in memory before any producer sees it (in both scenarios)
        context.setStreamCaching(false);
        String target = aws2 ? "aws2-s3://" + BUCKET + "?" + BenchSupport.aws2Options(endpoint)
                : "trays3:putObjectFile?bucket=" + BUCKET;
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload")
                        .setHeader(aws2 ? "CamelAwsS3Key" : "CamelTrays3Key", constant(key))
                        .to(target);
            }
        });
        context.start();
        try {
            context.createProducerTemplate().sendBody("direct:upload", body);
        } finally {
            context.stop();
        }
    }

    /** Pseudo-random bytes of a given length, made as they are read. */
    private static final class GeneratedStream extends InputStream {

        private final Random random = new Random(7);
        private long remaining;

        GeneratedStream(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            remaining -= n;
            return n;
        }
    }
}
