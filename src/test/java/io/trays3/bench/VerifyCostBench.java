package io.trays3.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.bench.BenchSupport.BUCKET;

/**
 * What trays3's download check costs: gets of one object into a {@code byte[]}, interleaved in one JVM, by the raw SDK,
 * camel-aws2-s3, trays3 (defaults: the MD5 its ETag names is checked) and trays3 with {@code verifyDownloads=false};
 * prints the median milliseconds a get of each and the ratios to trays3 without the check.
 *
 * <p>Usage: {@code VerifyCostBench <server-endpoint> <size-kib> <gets-per-run> <rounds>} (bench/verify-cost.sh); the
 * first quarter of the rounds warms up and is not counted.
 */
public final class VerifyCostBench {

    private static final List<String> CLIENTS = List.of("sdk", "aws2-s3", "trays3", "trays3-unverified");

    private VerifyCostBench() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int sizeKib = Integer.parseInt(args[1]);
        int gets = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String key = "verify-" + sizeKib + "k.bin";
        byte[] content = new byte[sizeKib * 1024];
        new Random(7).nextBytes(content);
        try (S3Client sdk = BenchSupport.client(endpoint)) {
            BenchSupport.ensureBucket(sdk);
            sdk.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
            CamelContext camel = BenchSupport.camel(endpoint);
            String aws2 = "aws2-s3://" + BUCKET + "?" + BenchSupport.aws2Options(endpoint);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:trays3").to("trays3:getObject?bucket=" + BUCKET + "&key=" + key).convertBodyTo(byte[].class);
                    from("direct:trays3-unverified").to("trays3:getObject?verifyDownloads=false&bucket=" + BUCKET + "&key="
                                                        + key).convertBodyTo(byte[].class);
                    from("direct:aws2-s3").setHeader("CamelAwsS3Key", constant(key)).to(aws2 + "&operation=getObject")
                            .convertBodyTo(byte[].class);
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            CLIENTS.forEach(c -> millis.put(c, new ArrayList<>()));
            int warmup = rounds / 4;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < CLIENTS.size(); i++) {
                    String client = CLIENTS.get((i + round) % CLIENTS.size());
                    long start = System.nanoTime();
                    for (int g = 0; g < gets; g++) {
                        byte[] got = "sdk".equals(client)
                                ? sdk.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray()
                                : template.requestBody("direct:" + client, null, byte[].class);
                        if (!Arrays.equals(got, content)) {
                            throw new IllegalStateException(client + " read " + got.length + " bytes that differ");
                        }
                    }
                    if (round >= warmup) {
                        millis.get(client).add((System.nanoTime() - start) / 1e6 / gets);
                    }
                }
            }
            camel.stop();
            double unverified = median(millis.get("trays3-unverified"));
            System.out.printf(Locale.ROOT, "%d gets of %d KiB per run, %d rounds counted (%d warm-up), median ms a get:%n",
                              gets, sizeKib, rounds - warmup, warmup);
            System.out.printf(Locale.ROOT, "%-18s %8s %8s %8s %22s%n", "client", "median", "p25", "p75",
                              "vs trays3-unverified");
            for (String client : CLIENTS) {
                List<Double> runs = millis.get(client);
                System.out.printf(Locale.ROOT, "%-18s %8.2f %8.2f %8.2f %21.2fx%n", client, median(runs),
                                  percentile(runs, 25), percentile(runs, 75), median(runs) / unverified);
            }
        }
        System.exit(0);
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}
