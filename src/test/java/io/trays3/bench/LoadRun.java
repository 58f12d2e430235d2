package io.trays3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.trays3.Trays3Component;
import io.trays3.Trays3Endpoint;
import io.trays3.model.ObjectContent;
import io.trays3.model.StreamedListing;
import io.trays3.operation.OperationSpec;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.http.pool.PoolStats;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.bench.BenchSupport.MIB;

/**
 * The load run: one Camel context, one route per worker ({@code direct:load-N}, a trays3 step and a step that reads the
 * body the way the worker asked), each driven by its own thread with a seeded mix of every producer operation; every
 * result checked. Samples the connections open to the server (from /proc/net/tcp, against maxConnections), the heap
 * after a full GC at the start, half way and at the end, and the thread count; prints the per-operation table and
 * exits 1 on any error, a pool above maxConnections, a heap that grew by more than the margin, or an operation left out.
 * bench/load.sh starts the server in its own JVM and runs it.
 *
 * <p>Usage: {@code LoadRun <server-endpoint> <out-dir> <operations-per-worker> [workers] [maxConnections]
 * [heap-margin-mib]}, defaults 16 workers, 8 connections, 32 MiB.
 */
public final class LoadRun {

    static final String BUCKET = "load";
    static final long SEED = 20_261_201L;
    private static final int PARTIAL_READ = 8 * 1024;
    private static final long SAMPLE_MILLIS = 20;

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int perWorker = Integer.parseInt(args[2]);
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int maxConnections = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        long marginMib = args.length > 5 ? Long.parseLong(args[5]) : 32;
        try (S3Client s3 = BenchSupport.client(endpoint)) {
            BenchSupport.ensureBucket(s3, BUCKET);
        }
        CamelContext camel = BenchSupport.camel(endpoint);
        Trays3Component trays3 = camel.getComponent("trays3", Trays3Component.class);
        trays3.getConfiguration().setMaxConnections(maxConnections);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int id = 0; id < workers; id++) {
                    from("direct:load-" + id).routeId("load-" + id)
                            .toD("trays3:${header." + LoadWorker.OPERATION + "}?bucket=" + BUCKET)
                            .process(LoadRun::readBody);
                }
            }
        });
        camel.start();
        int exit;
        try {
            exit = run(camel, trays3, endpoint.getPort(), out, perWorker, workers, maxConnections, marginMib);
        } finally {
            camel.close();
        }
        System.exit(exit);
    }

    private static int run(CamelContext camel, Trays3Component trays3, int port, Path out, int perWorker, int workers,
                           int maxConnections, long marginMib) throws Exception {
        AtomicLong done = new AtomicLong();
        // every kind of call once, unmeasured, so that lazily built SDK and Camel state is in the baseline heap
        LoadWorker warmUp = new LoadWorker(0, "warmup/", SEED, camel.createProducerTemplate(), 0, out, new AtomicLong());
        warmUp.oneOfEach();
        if (warmUp.stats().errors() > 0) {
            System.out.println("the warm-up failed: " + warmUp.stats().messages());
            return 1;
        }
        long heapStart = heapAfterGc();
        int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();
        Map<String, Long> namesStart = threadNames();
        List<LoadWorker> loads = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int id = 0; id < workers; id++) {
            LoadWorker worker = new LoadWorker(id, String.format(Locale.ROOT, "w%02d/", id), SEED,
                                               camel.createProducerTemplate(), perWorker, out, done);
            loads.add(worker);
            threads.add(new Thread(worker, "load-worker-" + id));
        }
        long total = (long) perWorker * workers;
        Trays3Endpoint anyEndpoint = camel.getEndpoints().stream().filter(Trays3Endpoint.class::isInstance)
                .map(Trays3Endpoint.class::cast).findFirst().orElseThrow();
        PoolSampler sampler = new PoolSampler(PoolProbe.of(anyEndpoint.getClients()), port, done, total / 2);
        Thread sampling = new Thread(sampler, "load-sampler");
        sampling.setDaemon(true);
        sampling.start();
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.stop();
        sampling.join();
        int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();
        Map<String, Long> added = threadNames();
        namesStart.forEach((name, count) -> added.merge(name, -count, Long::sum));
        added.values().removeIf(count -> count == 0);
        long heapEnd = heapAfterGc();
        int transfersLeft = trays3.getMetrics().transfers().size();
        LoadStats all = new LoadStats();
        loads.forEach(w -> all.addAll(w.stats()));

        List<String> missing = new ArrayList<>();
        for (Trays3Operation operation : Trays3Operation.values()) {
            boolean covered = all.byLabel().entrySet().stream()
                    .anyMatch(e -> e.getKey().split("[ ,]")[0].equals(operation.name()) && e.getValue().count() > 0);
            if (!operation.has(OperationSpec.Trait.CONSUMES) && !covered) {
                missing.add(operation.name());
            }
        }
        StringBuilder report = new StringBuilder(all.table()).append('\n');
        report.append(String.format(Locale.ROOT, "%d workers x %d operations, seed %d, maxConnections %d, client max heap %d"
                                    + " MiB%n",
                                    workers, perWorker, SEED, maxConnections, Runtime.getRuntime().maxMemory() / MIB));
        report.append(String.format(Locale.ROOT, "throughput: %,d operations in %.1f s = %.0f ops/s; %.1f MB up, %.1f MB down"
                                    + " = %.1f MB/s%n",
                                    all.operations(), seconds, all.operations() / seconds, all.bytesUp() / 1e6,
                                    all.bytesDown() / 1e6, (all.bytesUp() + all.bytesDown()) / 1e6 / seconds));
        PoolStats end = sampler.pool.stats();
        report.append(String.format(Locale.ROOT, "pool (Apache pool statistics, sampled every %d ms, %d samples): max %d; peak"
                                    + " leased %d, peak held (leased + idle) %d, peak threads waiting %d; at the end leased %d,"
                                    + " idle %d%n", SAMPLE_MILLIS, sampler.samples(), end.getMax(), sampler.peakLeased(),
                                    sampler.peakHeld(), sampler.peakPending(), end.getLeased(), end.getAvailable()));
        report.append(String.format(Locale.ROOT, "sockets to the server (/proc/net/tcp, same samples): peak %d, at the end %d%n",
                                    sampler.peakSockets(), PoolSampler.openSockets(port)));
        report.append(String.format(Locale.ROOT, "heap after full GC: start %.1f MiB, half way %.1f MiB, end %.1f MiB"
                                    + " (margin %d MiB)%n",
                                    heapStart / (double) MIB, sampler.heapHalfWay() / (double) MIB, heapEnd / (double) MIB,
                                    marginMib));
        report.append(String.format(Locale.ROOT, "threads: start %d, end %d (difference by name: %s), peak %d; trays3 transfers"
                                    + " still open: %d%n", threadsStart, threadsEnd, added,
                                    ManagementFactory.getThreadMXBean().getPeakThreadCount(), transfersLeft));
        List<String> problems = new ArrayList<>();
        if (all.errors() > 0) {
            problems.add(all.errors() + " errors, the first: " + String.join("\n  ", all.messages()));
        }
        if (sampler.peakHeld() > maxConnections || sampler.peakSockets() > maxConnections) {
            problems.add("the pool went to " + sampler.peakHeld() + " connections (" + sampler.peakSockets()
                         + " sockets), above maxConnections " + maxConnections);
        }
        if (end.getLeased() > 0) {
            problems.add(end.getLeased() + " connections still leased after the run: a leak");
        }
        if (heapEnd > heapStart + marginMib * MIB) {
            problems.add("the heap after GC grew by more than " + marginMib + " MiB");
        }
        if (!missing.isEmpty()) {
            problems.add("operations not exercised: " + missing);
        }
        if (transfersLeft > 0) {
            problems.add(transfersLeft + " transfers left open in trays3's metrics");
        }
        report.append(problems.isEmpty() ? "PASSED\n" : "FAILED:\n- " + String.join("\n- ", problems) + "\n");
        System.out.print(report);
        Files.writeString(out.resolve("results.md"), report);
        return problems.isEmpty() ? 0 : 1;
    }

    /** The route's last step: reads a getObject body as the worker asked, or iterates a streamed listing. */
    private static void readBody(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (body instanceof StreamedListing listing) {
            List<String> keys = new ArrayList<>();
            for (Map<String, Object> entry : listing) {
                keys.add((String) entry.get("Key"));
            }
            message.setHeader(LoadWorker.LISTED_KEYS, keys);
        } else if (body instanceof ObjectContent) {
            switch (message.getHeader(LoadWorker.READ, LoadWorker.Read.class)) {
                case FULL -> {
                    MessageDigest md5 = LoadWorker.digest();
                    long size = 0;
                    byte[] buffer = new byte[64 * 1024];
                    InputStream in = message.getBody(InputStream.class);
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        md5.update(buffer, 0, n);
                        size += n;
                    }
                    message.setHeader(LoadWorker.READ_SIZE, size);
                    message.setHeader(LoadWorker.READ_MD5, HexFormat.of().formatHex(md5.digest()));
                }
                // read part way, then left for the exchange's completion to close
                case PARTIAL -> message.getBody(InputStream.class).readNBytes(PARTIAL_READ);
                case CLOSED -> message.getBody(InputStream.class).close();
                // DROPPED: never touched
                default -> {
                }
            }
        }
    }

    /** The live threads by name, digits dropped (pool-3-thread-7 and pool-3-thread-8 are one name). */
    private static Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                t -> t.getName().replaceAll("[0-9]+", "#"), TreeMap::new, Collectors.counting()));
    }

    /** The heap in use after a full collection. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts the connections open to the server while the run goes, and takes the half-way heap figure. */
    private static final class PoolSampler implements Runnable {

        private final PoolProbe pool;
        private final int port;
        private final AtomicLong done;
        private final long halfWay;
        private volatile boolean running = true;
        private volatile int peakLeased;
        private volatile int peakHeld;
        private volatile int peakPending;
        private volatile int peakSockets;
        private volatile int samples;
        private volatile long heapHalfWay = -1;
        private final long started = System.nanoTime();
        private long nextReport;

        PoolSampler(PoolProbe pool, int port, AtomicLong done, long halfWay) {
            this.pool = pool;
            this.port = port;
            this.done = done;
            this.halfWay = halfWay;
            this.nextReport = Math.max(1, halfWay / 5);
        }

        @Override
        public void run() {
            while (running) {
                PoolStats stats = pool.stats();
                peakLeased = Math.max(peakLeased, stats.getLeased());
                peakHeld = Math.max(peakHeld, stats.getLeased() + stats.getAvailable());
                peakPending = Math.max(peakPending, stats.getPending());
                // reading the table is not atomic: a connection closed and one opened during one read can both be seen,
                // so a sample is the lower of two reads (a socket beyond the pool that stays open is in both)
                int sockets = openSockets(port);
                peakSockets = Math.max(peakSockets, sockets > peakSockets ? Math.min(sockets, openSockets(port)) : sockets);
                samples++;
                long count = done.get();
                if (heapHalfWay < 0 && count >= halfWay) {
                    heapHalfWay = heapAfterGc();
                }
                if (count >= nextReport) {
                    // a long run on a busy machine shows it is moving
                    System.out.printf(Locale.ROOT, "progress: %,d of %,d operations after %.0f s%n", count, halfWay * 2,
                                      (System.nanoTime() - started) / 1e9);
                    nextReport += Math.max(1, halfWay / 5);
                }
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        int peakLeased() {
            return peakLeased;
        }

        int peakHeld() {
            return peakHeld;
        }

        int peakPending() {
            return peakPending;
        }

        int peakSockets() {
            return peakSockets;
        }

        int samples() {
            return samples;
        }

        long heapHalfWay() {
            return heapHalfWay;
        }

        /**
         * The client sockets to the server's port that are connecting, established or closed by the server but not
         * yet by the client (a socket the client closed no longer belongs to its pool). The server runs in another JVM,
         * so these are this JVM's.
         */
        static int openSockets(int port) {
            int open = 0;
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] fields = line.trim().split("\\s+");
                        if (fields.length > 3 && fields[2].contains(":")) {
                            int remotePort = Integer.parseInt(fields[2].substring(fields[2].indexOf(':') + 1), 16);
                            String state = fields[3];
                            if (remotePort == port && ("01".equals(state) || "02".equals(state) || "08".equals(state))) {
                                open++;
                            }
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // a table that cannot be read (no IPv6) counts nothing
                }
            }
            return open;
        }
    }
}
