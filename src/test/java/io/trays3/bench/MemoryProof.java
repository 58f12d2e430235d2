package io.trays3.bench;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

import static io.trays3.bench.BenchSupport.BUCKET;
import static io.trays3.bench.BenchSupport.MIB;

/**
 * Moves one large file up and down through trays3 routes ({@code file} body → putObjectFile, getObject →
 * {@code file:}) and compares SHA-256, printing the heap ceiling and the peak heap seen; run it in a small heap
 * ({@code -Xmx128m}) to show both directions hold constant memory. bench/memory-proof.sh starts the server and runs it.
 *
 * <p>Usage: {@code MemoryProof <server-endpoint> <work-dir> <size-mib>}.
 */
public final class MemoryProof {

    private MemoryProof() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        long sizeMib = Long.parseLong(args[2]);
        Path source = work.resolve("proof-source.bin");
        Random random = new Random(7);
        byte[] block = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(source)) {
            for (long i = 0; i < sizeMib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        String sourceSha = ScaleBench.sha256(source);
        BenchSupport.ensureBucket(BenchSupport.client(endpoint));
        CamelContext camel = BenchSupport.camel(endpoint);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:up").to("trays3:putObjectFile?key=proof.bin&bucket=" + BUCKET);
                from("direct:down").to("trays3:getObject?key=proof.bin&bucket=" + BUCKET)
                        .to("file:" + work + "?fileName=proof-download.bin");
            }
        });
        camel.start();
        try {
            BenchSupport.resetPeaks();
            long start = System.nanoTime();
            camel.createProducerTemplate().sendBody("direct:up", source.toFile());
            double up = (System.nanoTime() - start) / 1e9;
            double upPeak = BenchSupport.peakHeap() / (double) MIB;
            BenchSupport.resetPeaks();
            start = System.nanoTime();
            camel.createProducerTemplate().sendBody("direct:down", null);
            double down = (System.nanoTime() - start) / 1e9;
            double downPeak = BenchSupport.peakHeap() / (double) MIB;
            Path downloaded = work.resolve("proof-download.bin");
            String downSha = ScaleBench.sha256(downloaded);
            System.out.printf(Locale.ROOT, "max heap %d MiB; up %d MiB in %.1f s (%.0f MB/s), peak heap %.1f MiB; down in %.1f s"
                              + " (%.0f MB/s), peak heap %.1f MiB%n", Runtime.getRuntime().maxMemory() / MIB, sizeMib, up,
                              sizeMib * MIB / 1e6 / up, upPeak, down, sizeMib * MIB / 1e6 / down, downPeak);
            System.out.println("SHA-256 source   " + sourceSha);
            System.out.println("SHA-256 download " + downSha + (downSha.equals(sourceSha) ? "  (equal)" : "  DIFFERENT"));
            Files.delete(downloaded);
            Files.delete(source);
            if (!downSha.equals(sourceSha)) {
                System.exit(1);
            }
        } finally {
            camel.close();
        }
        System.exit(0);
    }
}
