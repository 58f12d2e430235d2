package io.trays3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.trays3.bench.BenchSupport.BUCKET;
import static io.trays3.bench.BenchSupport.MIB;

/**
 * The raw AWS SDK, trays3 and camel-aws2-s3 side by side in one JVM against one S3 server in another JVM
 * ({@link BenchServer}): small and large puts and gets, listings and a bulk delete, in interleaved rounds (the order of
 * the three rotates every round), every result checked (sizes, SHA-256, counts). Prints the medians and trays3's time
 * ratios, and writes {@code results.md} and {@code ratios.svg} (a chart drawn here, no external tool) to the output
 * folder. bench/scale.sh starts the server and runs it.
 *
 * <p>Usage: {@code ScaleBench <server-endpoint> <out-dir> [--quick | --delete-sweep] [--case k1,k2] [--rounds n]};
 * {@code --delete-sweep} only times trays3's delete of 20,000 keys at deleteConcurrency 1, 2, 4 and 8 (how its default
 * was chosen); {@code --case} runs only the named cases (put1k, put1m, get1m, put256, get256, list, stream, delete),
 * {@code --rounds} sets their rounds (for before/after comparisons of one case).
 */
public final class ScaleBench {

    static final List<String> CLIENTS = List.of("sdk", "trays3", "aws2-s3");
    // -Dbench.threads=1: one put at a time, to tell latency from CPU contention
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    /** The entries the streamed listing's split saw. */
    private static final AtomicLong STREAMED = new AtomicLong();

    private final URI endpoint;
    private final Path out;
    private final boolean quick;
    private final Set<String> cases;
    private final Integer rounds;
    private final int warmup;
    private final S3Client sdk;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    private final List<Result> results = new ArrayList<>();

    private ScaleBench(URI endpoint, Path out, List<String> args) throws Exception {
        this.endpoint = endpoint;
        this.out = out;
        this.quick = args.contains("--quick");
        int caseAt = args.indexOf("--case");
        this.cases = caseAt < 0 ? Set.of() : Set.of(args.get(caseAt + 1).split(","));
        int roundsAt = args.indexOf("--rounds");
        this.rounds = roundsAt < 0 ? null : Integer.valueOf(args.get(roundsAt + 1));
        int warmupAt = args.indexOf("--warmup");
        this.warmup = warmupAt < 0 ? 1 : Integer.parseInt(args.get(warmupAt + 1));
        this.sdk = BenchSupport.client(endpoint);
        BenchSupport.ensureBucket(sdk);
        this.camel = BenchSupport.camel(endpoint);
        camel.addRoutes(routes(endpoint, out));
        camel.start();
        this.template = camel.createProducerTemplate();
    }

    /** One case's figures for one client: the median time of its runs, and the highest heap peak. */
    record Result(String kind, String title, String client, double medianSeconds, double megabytes, double peakHeapMib,
                  int runs) {

        double mbPerSecond() {
            return megabytes / medianSeconds;
        }
    }

    /** One measured run of one client: it does the work and checks it, and returns the seconds it took. */
    @FunctionalInterface
    interface Run {
        double run(String client, int round) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args).subList(2, args.length);
        ScaleBench bench = new ScaleBench(URI.create(args[0]), Path.of(args[1]), options);
        Files.createDirectories(bench.out);
        try {
            if (options.contains("--delete-sweep")) {
                bench.deleteSweep(20_000, 1);
            } else {
                bench.runAll();
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            bench.close();
            System.exit(1);
        }
        bench.close();
        System.exit(0);
    }

    private void runAll() throws Exception {
        int small = quick ? 400 : 2000;
        int medium = quick ? 16 : 48;
        int rounds = quick ? 3 : 9;
        int bigRounds = quick ? 2 : 5;
        long bigMib = 256;
        int listed = 20_000;

        if (selected("put1k")) {
            measure("put1k", "put 1 KiB, " + THREADS + " threads (" + small + " objects)", rounds,
                    small * 1024 / 1e6, (client, round) -> putSmall(client, small));
        }
        byte[] mib = random(MIB, 1);
        if (selected("put1m")) {
            measure("put1m", "put 1 MiB (" + medium + " objects)", rounds, medium * MIB / 1e6,
                    (client, round) -> putMedium(client, medium, mib));
        }
        if (selected("get1m")) {
            sdk.putObject(p -> p.bucket(BUCKET).key("get1m.bin"), RequestBody.fromBytes(mib));
            measure("get1m", "get 1 MiB (" + medium + " objects)", rounds, medium * MIB / 1e6,
                    (client, round) -> getMedium(client, medium, mib));
        }
        if (selected("put256") || selected("get256")) {
            Path big = bigFile(bigMib);
            String bigSha = sha256(big);
            if (selected("put256")) {
                measure("put256", "put a 256 MiB file", bigRounds, bigMib * MIB / 1e6, (client, round) -> putBig(client, big));
            }
            if (selected("get256")) {
                sdk.putObject(p -> p.bucket(BUCKET).key("get256.bin"), RequestBody.fromFile(big));
                measure("get256", "get 256 MiB to a file", bigRounds, bigMib * MIB / 1e6,
                        (client, round) -> getBig(client, bigMib * MIB, bigSha));
            }
        }
        // S3Proxy lists slowly (seconds per 20,000 keys): fewer rounds
        int listRounds = quick ? 1 : 5;
        if (selected("list") || selected("stream")) {
            seed("list/", listed);
        }
        if (selected("list")) {
            measure("list", "list 20,000 keys, all pages", listRounds, 0, (client, round) -> list(client, listed, false));
        }
        if (selected("stream")) {
            measure("stream", "list 20,000 keys, streamed", listRounds, 0, (client, round) -> list(client, listed, true));
        }
        if (selected("delete")) {
            // a warm-up deletes 2,000 keys, not 20,000: the same code path, without seeding 60,000 keys more
            measure("delete", "delete 20,000 keys", quick ? 1 : 5, 0,
                    (client, round) -> delete(client, round, round < 0 ? 2_000 : listed));
        }
        report();
    }

    /** trays3's bulk delete at several concurrencies, interleaved; prints the median seconds of each. */
    private void deleteSweep(int count, int rounds) throws Exception {
        int[] concurrencies = {1, 2, 4, 8};
        Map<Integer, List<Double>> seconds = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int concurrency : concurrencies) {
                String prefix = "sweep/" + concurrency + "/" + round + "/";
                List<String> keys = seed(prefix, count);
                long start = System.nanoTime();
                Map<?, ?> result = template.requestBody("trays3:deleteMultipleObjects?deleteConcurrency=" + concurrency
                                                        + "&bucket=" + BUCKET, keys, Map.class);
                double took = seconds(start);
                if (((List<?>) result.get("Deleted")).size() != count) {
                    throw new IllegalStateException("deleted " + result.get("Deleted") + " of " + count);
                }
                seconds.computeIfAbsent(concurrency, c -> new ArrayList<>()).add(took);
                log(String.format(Locale.ROOT, "RUN delete-sweep round=%d deleteConcurrency=%d seconds=%.3f", round,
                                  concurrency, took));
            }
        }
        log("");
        log("| deleteConcurrency | median seconds, 20,000 keys | keys/s |");
        log("|---|---|---|");
        seconds.forEach((concurrency, runs) -> log(String.format(Locale.ROOT, "| %d | %.3f | %.0f |", concurrency,
                                                                 median(runs), count / median(runs))));
    }

    private boolean selected(String kind) {
        return cases.isEmpty() || cases.contains(kind);
    }

    /**
     * Runs a case in rounds; each round runs every client once, starting one further along each time. The first
     * {@code --warmup} rounds (default 1) are run and checked but not counted: each client's first run of a case also
     * compiles its code path (JIT), and trays3's path, through Camel, is the longest to compile.
     */
    private void measure(String kind, String title, int defaultRounds, double megabytes, Run run) throws Exception {
        int rounds = this.rounds != null ? this.rounds : defaultRounds;
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Double> peaks = new LinkedHashMap<>();
        CLIENTS.forEach(c -> seconds.put(c, new ArrayList<>()));
        for (int round = -warmup; round < 0; round++) {
            for (int i = 0; i < CLIENTS.size(); i++) {
                String client = CLIENTS.get((i + round + warmup) % CLIENTS.size());
                double took = run.run(client, round);
                log(String.format(Locale.ROOT, "WARMUP %s round=%d client=%s seconds=%.3f (not counted)", kind, round,
                                  client, took));
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < CLIENTS.size(); i++) {
                String client = CLIENTS.get((i + round) % CLIENTS.size());
                BenchSupport.resetPeaks();
                long cpuBefore = BenchSupport.processCpuNanos();
                long allocatedBefore = BenchSupport.allocatedBytes();
                double took = run.run(client, round);
                // the client JVM's CPU and allocation over the run, its checks included (a listing of what was put, a
                // SHA-256, the keys a delete seeds first)
                double cpu = (BenchSupport.processCpuNanos() - cpuBefore) / 1e9;
                double allocated = (BenchSupport.allocatedBytes() - allocatedBefore) / (double) MIB;
                double peak = BenchSupport.peakHeap() / (double) MIB;
                seconds.get(client).add(took);
                peaks.merge(client, peak, Math::max);
                log(String.format(Locale.ROOT, "RUN %s round=%d client=%s seconds=%.3f client_cpu_s=%.3f allocated_mib=%.0f"
                                  + " peak_heap_mib=%.1f", kind, round, client, took, cpu, allocated, peak));
            }
        }
        for (String client : CLIENTS) {
            results.add(new Result(kind, title, client, median(seconds.get(client)), megabytes, peaks.get(client), rounds));
        }
    }

    // ---- the cases; each run checks what it did outside the timed part

    private double putSmall(String client, int count) throws Exception {
        byte[] body = random(1024, 2);
        String prefix = "p1k/" + client + "/";
        long start = System.nanoTime();
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            puts.add(threads.submit(() -> put(client, key, body)));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        double took = seconds(start);
        checkListing(prefix, count, 1024);
        return took;
    }

    private double putMedium(String client, int count, byte[] body) {
        String prefix = "p1m/" + client + "/";
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            put(client, prefix + i, body);
        }
        double took = seconds(start);
        checkListing(prefix, count, body.length);
        return took;
    }

    private void put(String client, String key, Object body) {
        switch (client) {
            case "sdk" -> sdk.putObject(p -> p.bucket(BUCKET).key(key), body instanceof Path path ? RequestBody.fromFile(path)
                    : RequestBody.fromBytes((byte[]) body));
            case "trays3" -> template.requestBodyAndHeader("trays3:putObjectFile?bucket=" + BUCKET, body, "CamelTrays3Key", key);
            default -> template.requestBodyAndHeaders("direct:aws2-put", body, Map.of("CamelAwsS3Key", key,
                    "CamelAwsS3ContentLength", body instanceof java.io.File f ? f.length() : ((byte[]) body).length));
        }
    }

    private double getMedium(String client, int count, byte[] expected) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] read = switch (client) {
                case "sdk" -> sdk.getObjectAsBytes(g -> g.bucket(BUCKET).key("get1m.bin")).asByteArray();
                case "trays3" -> template.requestBody("direct:trays3-get", null, byte[].class);
                default -> template.requestBody("direct:aws2-get", null, byte[].class);
            };
            if (!Arrays.equals(read, expected)) {
                throw new IllegalStateException(client + " read " + (read == null ? "null" : read.length + " bytes")
                                                + " that are not the 1 MiB object");
            }
        }
        return seconds(start);
    }

    private double putBig(String client, Path file) {
        String key = "p256/" + client + ".bin";
        long start = System.nanoTime();
        put(client, key, client.equals("sdk") ? file : file.toFile());
        double took = seconds(start);
        long size = sdk.headObject(h -> h.bucket(BUCKET).key(key)).contentLength();
        if (size != file.toFile().length()) {
            throw new IllegalStateException(client + " uploaded " + size + " bytes of " + file.toFile().length());
        }
        return took;
    }

    private double getBig(String client, long size, String sha) throws Exception {
        Path file = out.resolve("get256-" + client + ".bin");
        Files.deleteIfExists(file);
        long start = System.nanoTime();
        switch (client) {
            case "sdk" -> sdk.getObject(g -> g.bucket(BUCKET).key("get256.bin"), file);
            case "trays3" -> template.sendBodyAndHeader("direct:trays3-getfile", null, "out", file.getFileName().toString());
            default -> template.sendBodyAndHeader("direct:aws2-getfile", null, "out", file.getFileName().toString());
        }
        double took = seconds(start);
        if (Files.size(file) != size || !sha256(file).equals(sha)) {
            throw new IllegalStateException(client + " downloaded " + Files.size(file) + " bytes that do not match");
        }
        Files.delete(file);
        return took;
    }

    @SuppressWarnings("unchecked")
    private double list(String client, int expected, boolean streamed) {
        long start = System.nanoTime();
        long count;
        String first;
        if (client.equals("sdk")) {
            if (streamed) {
                AtomicLong n = new AtomicLong();
                sdk.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix("list/")).contents().forEach(o -> n.incrementAndGet());
                count = n.get();
                first = "list/00000";
            } else {
                List<S3Object> all = new ArrayList<>();
                sdk.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix("list/")).contents().forEach(all::add);
                count = all.size();
                first = all.get(0).key();
            }
        } else if (client.equals("trays3")) {
            if (streamed) {
                STREAMED.set(0);
                template.sendBody("direct:trays3-stream", (Object) null);
                count = STREAMED.get();
                first = "list/00000";
            } else {
                Map<String, Object> listing = template.requestBody("trays3:listBucketObjects?allPages=true&prefix=list/&bucket="
                                                                   + BUCKET, null, Map.class);
                List<Map<String, Object>> contents = (List<Map<String, Object>>) listing.get("Contents");
                count = contents.size();
                first = (String) contents.get(0).get("Key");
            }
        } else {
            // aws2-s3's listObjects is one page per exchange: a route pages with a marker (its pojoRequest mode)
            List<S3Object> all = new ArrayList<>();
            long n = 0;
            String marker = null;
            String firstKey = null;
            while (true) {
                ListObjectsRequest request = ListObjectsRequest.builder().bucket(BUCKET).prefix("list/").marker(marker).build();
                List<S3Object> page = template.requestBody("direct:aws2-list", request, List.class);
                n += page.size();
                if (firstKey == null && !page.isEmpty()) {
                    firstKey = page.get(0).key();
                }
                if (!streamed) {
                    all.addAll(page);
                }
                if (page.size() < 1000) {
                    break;
                }
                marker = page.get(page.size() - 1).key();
            }
            count = n;
            first = firstKey;
        }
        double took = seconds(start);
        if (count != expected || !"list/00000".equals(first)) {
            throw new IllegalStateException(client + " listed " + count + " keys starting at " + first + ", expected "
                                            + expected);
        }
        return took;
    }

    private double delete(String client, int round, int count) throws Exception {
        String prefix = "del/" + client + "/" + round + "/";
        List<String> keys = seed(prefix, count);
        long start = System.nanoTime();
        long deleted = 0;
        switch (client) {
            case "sdk" -> {
                for (int from = 0; from < keys.size(); from += 1000) {
                    List<ObjectIdentifier> batch = keys.subList(from, Math.min(from + 1000, keys.size())).stream()
                            .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
                    deleted += sdk.deleteObjects(d -> d.bucket(BUCKET).delete(b -> b.objects(batch))).deleted().size();
                }
            }
            case "trays3" -> {
                Map<?, ?> result = template.requestBody("trays3:deleteMultipleObjects?bucket=" + BUCKET, keys, Map.class);
                deleted = ((List<?>) result.get("Deleted")).size();
            }
            default -> {
                // aws2-s3 deletes the keys of one header per exchange: 1000 at a time, S3's limit
                for (int from = 0; from < keys.size(); from += 1000) {
                    DeleteObjectsResponse response = template.requestBodyAndHeader("direct:aws2-delete", null,
                            "CamelAwsS3KeysToDelete", keys.subList(from, Math.min(from + 1000, keys.size())),
                            DeleteObjectsResponse.class);
                    deleted += response.deleted().size();
                }
            }
        }
        double took = seconds(start);
        int left = sdk.listObjectsV2(l -> l.bucket(BUCKET).prefix(prefix).maxKeys(1)).keyCount();
        if (deleted != count || left != 0) {
            throw new IllegalStateException(client + " deleted " + deleted + " of " + count + " keys; " + left + " left");
        }
        return took;
    }

    // ---- set-up and checks

    private static RouteBuilder routes(URI endpoint, Path out) {
        String aws2 = "aws2-s3://" + BUCKET + "?" + BenchSupport.aws2Options(endpoint);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:aws2-put").to(aws2);
                from("direct:aws2-get").setHeader("CamelAwsS3Key", constant("get1m.bin"))
                        .to(aws2 + "&operation=getObject").convertBodyTo(byte[].class);
                from("direct:trays3-get").to("trays3:getObject?key=get1m.bin&bucket=" + BUCKET).convertBodyTo(byte[].class);
                from("direct:aws2-getfile").setHeader("CamelAwsS3Key", constant("get256.bin"))
                        .to(aws2 + "&operation=getObject").toD("file:" + out + "?fileName=${header.out}");
                from("direct:trays3-getfile").to("trays3:getObject?key=get256.bin&bucket=" + BUCKET)
                        .toD("file:" + out + "?fileName=${header.out}");
                from("direct:trays3-stream").to("trays3:listBucketObjects?streamed=true&prefix=list/&bucket=" + BUCKET)
                        .split(body()).streaming()
                            .process(e -> STREAMED.incrementAndGet())
                        .end();
                from("direct:aws2-list").to(aws2 + "&operation=listObjects&pojoRequest=true");
                from("direct:aws2-delete").to(aws2 + "&operation=deleteObjects");
            }
        };
    }

    /** Creates empty objects prefix00000... (16 at a time, not timed) unless a listing shows them there; their keys. */
    private List<String> seed(String prefix, int count) throws Exception {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format(Locale.ROOT, "%s%05d", prefix, i));
        }
        long present = sdk.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream().count();
        if (present != count) {
            ExecutorService seeding = Executors.newFixedThreadPool(16);
            try {
                List<Future<?>> puts = new ArrayList<>();
                for (String key : keys) {
                    puts.add(seeding.submit(() -> sdk.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.empty())));
                }
                for (Future<?> put : puts) {
                    put.get();
                }
            } finally {
                seeding.shutdown();
            }
        }
        return keys;
    }

    private void checkListing(String prefix, int count, long size) {
        List<S3Object> listed = new ArrayList<>();
        sdk.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents().forEach(listed::add);
        if (listed.size() != count || listed.stream().anyMatch(o -> o.size() != size)) {
            throw new IllegalStateException("expected " + count + " objects of " + size + " bytes under " + prefix + ", found "
                                            + listed.size());
        }
    }

    private Path bigFile(long sizeMib) throws IOException {
        Path file = out.resolve("source-" + sizeMib + "mib.bin");
        if (!Files.exists(file) || Files.size(file) != sizeMib * MIB) {
            Random random = new Random(42);
            byte[] block = new byte[(int) MIB];
            try (OutputStream stream = Files.newOutputStream(file)) {
                for (long i = 0; i < sizeMib; i++) {
                    random.nextBytes(block);
                    stream.write(block);
                }
            }
        }
        return file;
    }

    private static byte[] random(long size, long seed) {
        byte[] bytes = new byte[(int) size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }

    // ---- the report: a table on stdout and in results.md, the chart in ratios.svg

    private void report() throws IOException {
        List<String> lines = ScaleReport.table(results);
        log("");
        lines.forEach(ScaleBench::log);
        Files.write(out.resolve("results.md"), lines, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("ratios.svg"), ScaleReport.svg(results, quick), StandardCharsets.UTF_8);
        log("");
        log("wrote " + out.resolve("results.md") + " and " + out.resolve("ratios.svg"));
    }

    private void close() {
        threads.shutdownNow();
        try {
            camel.close();
        } catch (Exception e) {
            log("could not stop Camel: " + e);
        }
        sdk.close();
    }
}
