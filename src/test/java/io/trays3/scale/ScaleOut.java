package io.trays3.scale;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The scale-out run of {@code bench/scale-out.sh}: S3Proxy in its own JVM, an embedded PostgreSQL here, and passes of
 * 1 or 3 {@link ScaleWorker} JVMs consuming the same prefix through camel-sql's repositories on that database; one
 * pass kills an instance with {@code destroyForcibly} part way. Prints one {@code RESULT} line per pass and a table.
 * Event passes ({@code events-...}) run the consumers in event mode instead: one S3 event notification per object put is
 * published to a topic of a {@link ScaleKafka} broker (in a JVM of its own), which the instances read as one consumer
 * group.
 *
 * <p>Usage: {@code ScaleOut <data-dir> <objects> <work-ms> <lock-max-age-ms> <pass>...}, a pass being {@code 1},
 * {@code 3} or {@code 3-kill}, optionally followed by {@code -atomic} (claims in {@link AtomicTakeoverRepository}) or
 * {@code -none} (no in-progress repository); without, claims go to camel-sql's orphan-lock aware repository. The same
 * with {@code events-} in front is an event pass.
 */
public final class ScaleOut {

    static final String ACCESS_KEY = "scale";
    static final String SECRET_KEY = "scale-secret";
    static final String BUCKET = "scale";
    private static final long PASS_TIMEOUT_MILLIS = 300_000;
    private static final long IDLE_MILLIS = 15_000;
    private static final String EVENTS = "events-";
    /** Partitions of an event pass's topic: more than the instances, so that each has some and a survivor takes more. */
    static final int PARTITIONS = 6;

    private ScaleOut() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        int objects = Integer.parseInt(args[1]);
        long workMillis = Long.parseLong(args[2]);
        long lockMaxAgeMillis = Long.parseLong(args[3]);
        List<String> passes = List.of(args).subList(4, args.length);
        Files.createDirectories(data);

        List<Process> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(Process::destroyForcibly)));
        Process server = java("io.trays3.scale.ScaleServer", List.of(data.resolve("s3").toString()),
                              data.resolve("server.out"));
        started.add(server);
        String brokers = null;
        if (passes.stream().anyMatch(pass -> pass.startsWith(EVENTS))) {
            Process kafka = java("io.trays3.scale.ScaleKafka", List.of(data.resolve("kafka").toString()),
                                 data.resolve("kafka.out"));
            started.add(kafka);
            brokers = awaitLine(kafka, data.resolve("kafka.out"), "BROKERS ").substring(8).trim();
        }
        URI endpoint = URI.create(awaitLine(server, data.resolve("server.out"), "ENDPOINT ").substring(9).trim());

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                     .build()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                // created once here rather than by three instances at the same moment
                statement.execute("CREATE TABLE CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255), messageId VARCHAR(100),"
                                  + " createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
            }
            s3.createBucket(b -> b.bucket(BUCKET));
            System.out.printf("S3 %s, PostgreSQL %s, %d objects per pass, %d ms of work per object, lockMaxAgeMillis %d%n",
                              endpoint, jdbcUrl, objects, workMillis, lockMaxAgeMillis);
            if (brokers != null) {
                System.out.printf("Kafka %s (KRaft, one node), %d partitions per topic; consumers: %s%n", brokers,
                                  PARTITIONS, ScaleEvents.consumerUri("<topic>", brokers, "<group>"));
            }
            List<String> results = new ArrayList<>();
            for (int p = 0; p < passes.size(); p++) {
                String pass = passes.get(p);
                String prefix = "pass" + p + "-" + pass + "/";
                Map<String, String> eTags = put(s3, prefix, objects);
                String notifications = null;
                if (pass.startsWith(EVENTS)) {
                    String topic = "pass" + p + "-events";
                    ScaleKafka.createTopic(brokers, topic, PARTITIONS);
                    ScaleEvents.publish(brokers, topic, PARTITIONS, BUCKET, eTags);
                    notifications = ScaleEvents.consumerUri(topic, brokers, "trays3-scale-pass" + p);
                }
                String result = runPass(pass, prefix, objects, workMillis, lockMaxAgeMillis, endpoint, jdbcUrl,
                                        notifications, data.resolve(prefix.replace("/", "")));
                System.out.println(result);
                results.add(result);
            }
            table(results);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    private static String runPass(String pass, String prefix, int objects, long workMillis, long lockMaxAgeMillis,
                                  URI endpoint, String jdbcUrl, String notifications, Path dir) throws Exception {
        String shape = pass.startsWith(EVENTS) ? pass.substring(EVENTS.length()) : pass;
        int instances = Integer.parseInt(shape.substring(0, 1));
        boolean kill = pass.contains("-kill");
        String claims = pass.endsWith("-atomic") ? "atomic" : pass.endsWith("-none") ? "none" : "camel";
        Files.createDirectories(dir);
        List<Process> workers = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        try {
            for (int i = 1; i <= instances; i++) {
                Path out = dir.resolve("instance" + i + ".csv");
                Files.deleteIfExists(out);
                outputs.add(out);
                List<String> args = new ArrayList<>(List.of("i" + i, endpoint.toString(), jdbcUrl, BUCKET, prefix,
                        Long.toString(workMillis), Long.toString(lockMaxAgeMillis), out.toString(), claims));
                if (notifications != null) {
                    args.add(notifications);
                }
                workers.add(java("io.trays3.scale.ScaleWorker", args, dir.resolve("instance" + i + ".log")));
            }
            for (int i = 0; i < instances; i++) {
                awaitLine(workers.get(i), dir.resolve("instance" + (i + 1) + ".log"), "READY ");
            }
            long start = System.nanoTime();
            for (Process worker : workers) {
                OutputStream in = worker.getOutputStream();
                in.write('\n');
                in.flush();
            }
            String killed = "-";
            int linesOfKilledAtKill = 0;
            long killedAfterMillis = 0;
            LocalTime killedAt = null;
            Map<String, Integer> counts = new HashMap<>();
            long deadline = System.currentTimeMillis() + PASS_TIMEOUT_MILLIS;
            long end = 0;
            int lastLines = -1;
            long lastProgress = System.currentTimeMillis();
            long lastProgressNanos = System.nanoTime();
            while (System.currentTimeMillis() < deadline) {
                counts = read(outputs);
                int lines = counts.values().stream().mapToInt(Integer::intValue).sum();
                if (lines != lastLines) {
                    lastLines = lines;
                    lastProgress = System.currentTimeMillis();
                    lastProgressNanos = System.nanoTime();
                } else if (System.currentTimeMillis() - lastProgress > lockMaxAgeMillis + IDLE_MILLIS) {
                    // nothing new for longer than a takeover takes: what is missing now is lost; the time ends at
                    // the last object processed
                    end = lastProgressNanos;
                    break;
                }
                // in event mode an instance may have no partition yet: it is killed once it is at work
                if (kill && "-".equals(killed) && lines >= objects * 3 / 10
                    && (notifications == null || counted(outputs.get(1)) > 0)) {
                    Process victim = workers.get(1);
                    victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    killedAfterMillis = (System.nanoTime() - start) / 1_000_000;
                    killedAt = LocalTime.now();
                    linesOfKilledAtKill = (int) Files.readAllLines(outputs.get(1)).stream().count();
                    killed = "i2";
                }
                if (counts.size() >= objects) {
                    end = System.nanoTime();
                    break;
                }
                Thread.sleep(20);
            }
            if (end == 0) {
                end = System.nanoTime();
            }
            // the object a killed instance had in flight is taken over once its claim is older than lockMaxAgeMillis:
            // wait that long (and more) so that a late second delivery is counted too
            Thread.sleep(lockMaxAgeMillis + 3000);
            counts = read(outputs);
            int processed = 0;
            int more = 0;
            int deliveries = 0;
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                processed++;
                deliveries += entry.getValue();
                if (entry.getValue() > 1) {
                    more++;
                }
            }
            int lost = objects - processed;
            // event passes: notifications of objects done or claimed already, that Kafka delivered again (a rebalance)
            long redelivered = 0;
            for (int i = 1; i <= instances; i++) {
                redelivered += Files.readAllLines(dir.resolve("instance" + i + ".log"), StandardCharsets.UTF_8).stream()
                        .filter(line -> line.contains("claimed or delivered already: skipped")).count();
            }
            double seconds = (end - start) / 1e9;
            StringBuilder perInstance = new StringBuilder();
            for (int i = 0; i < instances; i++) {
                perInstance.append(i == 0 ? "" : "/").append(Files.readAllLines(outputs.get(i)).size());
            }
            return String.format(Locale.ROOT,
                    "RESULT pass=%s claims=%s instances=%d objects=%d processed=%d deliveries=%d more_than_once=%d lost=%d"
                    + " seconds=%.1f objects_per_s=%.1f per_instance=%s killed=%s killed_after_ms=%d"
                    + " killed_lines_at_kill=%d killed_at=%s skipped_notifications=%s",
                    pass, claims, instances, objects, processed, deliveries, more, lost, seconds, processed / seconds,
                    perInstance, killed, killedAfterMillis, linesOfKilledAtKill, killedAt == null ? "-" : killedAt,
                    notifications == null ? "-" : Long.toString(redelivered));
        } finally {
            for (Process worker : workers) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long counted(Path output) throws IOException {
        return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8).size() : 0;
    }

    private static Map<String, Integer> read(List<Path> outputs) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Path out : outputs) {
            if (!Files.exists(out)) {
                continue;
            }
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                int comma = line.indexOf(',');
                // a line cut by kill -9 has no newline yet; it is read again complete, or never was written
                if (comma > 0) {
                    counts.merge(line.substring(comma + 1), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Puts the objects of a pass; returns their keys (in order) and ETags. */
    private static Map<String, String> put(S3Client s3, String prefix, int objects) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Map<String, Future<PutObjectResponse>> puts = new LinkedHashMap<>();
            for (int i = 0; i < objects; i++) {
                String key = String.format(Locale.ROOT, "%sobject-%05d.txt", prefix, i);
                puts.put(key, pool.submit(() -> s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key))));
            }
            Map<String, String> eTags = new LinkedHashMap<>();
            for (Map.Entry<String, Future<PutObjectResponse>> put : puts.entrySet()) {
                eTags.put(put.getKey(), put.getValue().get().eTag());
            }
            return eTags;
        } finally {
            pool.shutdown();
        }
    }

    private static Process java(String mainClass, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=io/trays3/scale/logback-scale.xml",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String awaitLine(Process process, Path log, String start) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.startsWith(start)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("exited before printing " + start + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + start + "within 120 s: see " + log);
    }

    private static void table(List<String> results) {
        System.out.println();
        System.out.printf("%-14s %9s %9s %10s %14s %5s %8s %9s %-13s %-8s %s%n", "pass", "instances", "processed",
                          "deliveries", "more than once", "lost", "seconds", "objects/s", "per instance", "skipped",
                          "killed");
        for (String result : results) {
            Map<String, String> v = new HashMap<>();
            for (String field : result.split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    v.put(field.substring(0, eq), field.substring(eq + 1));
                }
            }
            String killed = "-".equals(v.get("killed")) ? "-"
                    : v.get("killed") + " after " + v.get("killed_after_ms") + " ms (" + v.get("killed_lines_at_kill")
                      + " done by it)";
            System.out.printf("%-14s %9s %9s %10s %14s %5s %8s %9s %-13s %-8s %s%n", v.get("pass"), v.get("instances"),
                              v.get("processed"), v.get("deliveries"), v.get("more_than_once"), v.get("lost"),
                              v.get("seconds"), v.get("objects_per_s"), v.get("per_instance"),
                              v.get("skipped_notifications"), killed);
        }
    }
}
