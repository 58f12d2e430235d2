package io.trays3.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trays3.support.CapturedLog;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Object;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the real application (Camel Main with ./application.properties and the routes in ./routes) on its embedded S3
 * server, on a free port with a temporary data folder and inbox, waits for every example flow, and checks with a plain
 * SDK client (and a plain HTTP client for the shared link) what each flow left behind.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ExampleRoutesTest {

    private static final int FLOW_TIMEOUT_SECONDS = 60;
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final List<String> FLOW_LOGGERS = List.of("publish-report", "archive-inbox", "cleanup-scratch",
            "inventory-buckets", "react-to-incoming", "seed-inbox", "seed-incoming");

    @TempDir
    Path temp;

    private final CapturedLog log = new CapturedLog();
    private final List<Level> savedLevels = new ArrayList<>();
    private EmbeddedS3Listener embedded;
    private Main main;
    private Thread runner;
    private final AtomicReference<Throwable> runFailure = new AtomicReference<>();
    private S3Client s3;

    @BeforeEach
    void captureLogs() {
        log.start();
        root().addAppender(log);
        // the flows' summaries are INFO: let them through whatever the test logging configuration says
        for (String name : FLOW_LOGGERS) {
            Logger logger = logger(name);
            savedLevels.add(logger.getLevel());
            logger.setLevel(Level.INFO);
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (s3 != null) {
                s3.close();
            }
            if (main != null) {
                main.completed();
            }
            if (runner != null) {
                runner.join(SECONDS.toMillis(30));
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            root().detachAppender(log);
            for (int i = 0; i < FLOW_LOGGERS.size(); i++) {
                logger(FLOW_LOGGERS.get(i)).setLevel(savedLevels.get(i));
            }
        }
    }

    @Test
    void everyExampleFlowRunsOnTheEmbeddedServerAndLeavesItsResultsInTheBuckets() throws Exception {
        Path dataDir = temp.resolve("data");
        Path demoDir = temp.resolve("demo");
        embedded = new EmbeddedS3Listener();
        main = Trays3Application.newMain(embedded);
        main.addOverrideProperty("trays3.embedded.enabled", "true");
        main.addOverrideProperty("trays3.embedded.port", "0");
        main.addOverrideProperty("trays3.embedded.data-dir", dataDir.toString());
        main.addOverrideProperty("trays3.embedded.credentials-file", temp.resolve("embedded-s3.env").toString());
        main.addOverrideProperty("demo.dir", demoDir.toString());
        int httpPort = freePort();
        main.addOverrideProperty("camel.management.port", String.valueOf(httpPort));

        // builds the context from application.properties and routes/ (the embedded server starts before the routes)
        main.init();
        CamelContext context = main.getCamelContext();
        URI endpoint = embedded.endpoint().orElseThrow(() -> new AssertionError("the embedded S3 server did not start"));
        assertThat(endpoint.getPort()).as("port 0 means any free port").isNotIn(0, 9000);

        String reports = property(context, "demo.reports-bucket");
        String archive = property(context, "demo.archive-bucket");
        String scratch = property(context, "demo.scratch-bucket");
        String incoming = property(context, "demo.incoming-bucket");
        String reportKey = property(context, "demo.report-key");
        String incomingKey = property(context, "demo.incoming-sample-key");
        List<String> samples = Arrays.stream(property(context, "demo.inbox-samples").split(",")).map(String::trim).toList();

        NotifyBuilder published = new NotifyBuilder(context).fromRoute("publish-report").whenCompleted(1).create();
        NotifyBuilder archived = new NotifyBuilder(context).fromRoute("archive-inbox").whenCompleted(samples.size()).create();
        NotifyBuilder cleaned = new NotifyBuilder(context).fromRoute("cleanup-scratch").whenCompleted(1).create();
        NotifyBuilder inventoried = new NotifyBuilder(context).fromRoute("inventory-buckets").whenCompleted(1).create();
        NotifyBuilder reacted = new NotifyBuilder(context).fromRoute("react-to-incoming").whenCompleted(1).create();
        NotifyBuilder failed = new NotifyBuilder(context).whenFailed(1).create();

        runner = new Thread(() -> {
            try {
                main.run();
            } catch (Throwable e) {
                runFailure.set(e);
            }
        }, "trays3-main");
        runner.start();

        assertThat(published.matches(FLOW_TIMEOUT_SECONDS, SECONDS)).as("publish-report completed").isTrue();
        assertThat(archived.matches(FLOW_TIMEOUT_SECONDS, SECONDS)).as("archive-inbox completed for every sample").isTrue();
        assertThat(cleaned.matches(FLOW_TIMEOUT_SECONDS, SECONDS)).as("cleanup-scratch completed").isTrue();
        assertThat(inventoried.matches(FLOW_TIMEOUT_SECONDS, SECONDS)).as("inventory-buckets completed").isTrue();
        assertThat(reacted.matches(FLOW_TIMEOUT_SECONDS, SECONDS)).as("react-to-incoming completed").isTrue();
        assertThat(runFailure.get()).as("Camel Main run failure").isNull();

        EmbeddedS3Credentials keys = embedded.credentials().orElseThrow(() -> new AssertionError("no embedded server keys"));
        s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        keys.accessKey(), keys.secretKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();

        checkPublishedReportAndSharedLink(endpoint, demoDir, reports, reportKey,
                Integer.parseInt(property(context, "demo.link-expires-seconds")));
        checkArchivedInbox(demoDir, archive, samples, property(context, "demo.archive-acl"));
        checkScratchPrefixCleanedUp(scratch, Integer.parseInt(property(context, "demo.scratch-objects")));
        checkInventory(reports, List.of(archive, incoming, reports, scratch));
        checkReactionToIncomingObject(reports, incoming, incomingKey);
        checkObservability(httpPort, keys.secretKey());

        // flow 5 consumes with trays3 itself; the application uses no camel-aws2-s3
        assertThat(context.getRoute("react-to-incoming").getEndpoint().getEndpointUri()).startsWith("trays3://newObjects");
        assertThat(context.hasComponent("aws2-s3")).as("an aws2-s3 component in the application").isNull();
        assertThat(failed.matches()).as("no exchange failed").isFalse();
        assertThat(log.events(Level.ERROR)).as("ERROR log events").isEmpty();
        assertThat(log.withStackTrace()).as("log events with a stack trace").isEmpty();
        assertThat(log.messages()).as("log lines with a signature or secret").noneMatch(m -> m.contains("X-Amz-Signature")
                || m.contains("X-Amz-Credential") || m.contains(keys.secretKey()));

        // stopping Main stops the embedded server
        main.completed();
        runner.join(SECONDS.toMillis(30));
        assertThat(runner.isAlive()).as("Camel Main still running 30 s after it was told to stop").isFalse();
        assertThat(embedded.endpoint()).as("embedded server after Main stopped").isEmpty();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
            }
        }).as("connecting to the stopped embedded server").isInstanceOf(IOException.class);
    }

    /**
     * The management server: /observe/health lists trays3's readiness check UP, /observe/metrics has trays3's request,
     * byte and cost series for the flows that ran, and the trays3 dev console shows its connection and operations.
     */
    private void checkObservability(int port, String secret) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, Object> health = new ObjectMapper().readValue(get(http, port, "/observe/health"),
                                                                  new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) health.get("checks");
        assertThat(checks).as("trays3's check in %s", health).filteredOn(c -> c.get("name").toString().startsWith("trays3-"))
                .singleElement().satisfies(c -> assertThat(c.get("status")).as(String.valueOf(c)).isEqualTo("UP"));

        String metrics = get(http, port, "/observe/metrics");
        assertThat(metrics).as("the Prometheus scrape")
                .contains("trays3_requests_seconds_count{", "operation=\"putObjectFile\"", "request=\"PutObject\"",
                          "trays3_requests_seconds_bucket{", "trays3_bytes_total{", "direction=\"up\"",
                          "trays3_cost_estimate_usd_total{", "class=\"put-copy-post-list\"");

        String console = get(http, port, "/q/dev/trays3");
        assertThat(console).contains("Component trays3: 1 connection(s)", "putObjectFile", "Transfers in flight")
                .doesNotContain(secret);
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** publish-report: the CSV report with its content type, and a shared link on disk that downloads it. */
    private void checkPublishedReportAndSharedLink(URI endpoint, Path demoDir, String bucket, String key, int expires)
            throws Exception {
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
        assertThat(mediaType(head.contentType())).isEqualTo("text/csv");
        String report = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
        List<String> lines = report.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("date,region,orders,revenue_eur");
        assertThat(lines.subList(1, 5)).allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2},(north|south|east|west),\\d{2},\\d{4}"));

        String fileName = key.substring(key.lastIndexOf('/') + 1) + ".url";
        Path linkFile = demoDir.resolve("shared-links").resolve(fileName);
        assertThat(linkFile).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(linkFile))).as("a secret: owner only")
                .isEqualTo("rw-------");
        String link = Files.readString(linkFile).trim();
        assertThat(link).startsWith(endpoint + "/" + bucket + "/" + key + "?").contains("X-Amz-Signature=")
                .contains("X-Amz-Expires=" + expires);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> download = http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(download.statusCode()).as("GET of the shared link").isEqualTo(200);
        assertThat(download.body()).isEqualTo(report);
        // the server does check signatures: the same link with a changed signature is refused
        String tampered = link.replaceFirst("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=" + (link.contains("Signature=0")
                ? "1" : "0"));
        assertThat(tampered).isNotEqualTo(link);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).timeout(Duration.ofSeconds(20))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).as("GET with a tampered signature").isEqualTo(403);

        assertThat(log.messages("publish-report")).singleElement().asString()
                .contains("Published report s3://" + bucket + "/" + key)
                .contains(endpoint + "/" + bucket + "/" + key + "?<signature withheld>")
                .contains(fileName);
    }

    /** archive-inbox: every sample file in the archive bucket, typed by extension, private; inbox emptied. */
    private void checkArchivedInbox(Path demoDir, String bucket, List<String> samples, String acl) throws Exception {
        assertThat(acl).as("demo.archive-acl (the grants checked below)").isEqualTo("private");
        List<String> keys = s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(samples);
        Map<String, String> typeByExtension = Map.of("csv", "text/csv", "txt", "text/plain", "md", "text/markdown");
        for (String name : samples) {
            String extension = name.substring(name.lastIndexOf('.') + 1);
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(name));
            assertThat(mediaType(head.contentType())).as("content type of %s", name)
                    .isEqualTo(typeByExtension.getOrDefault(extension, "application/octet-stream"));
            assertThat(s3.getObjectAsBytes(g -> g.bucket(bucket).key(name)).asUtf8String()).startsWith("Sample file " + name);
            List<Grant> grants = s3.getObjectAcl(a -> a.bucket(bucket).key(name)).grants();
            assertThat(grants).as("ACL grants of %s: nothing for everyone", name)
                    .noneMatch(g -> ALL_USERS.equals(g.grantee().uri()))
                    .allSatisfy(g -> assertThat(g.permission()).isEqualTo(Permission.FULL_CONTROL));
        }
        Path inbox = demoDir.resolve("inbox");
        try (Stream<Path> left = Files.list(inbox)) {
            assertThat(left.filter(Files::isRegularFile).toList()).as("files left in the inbox").isEmpty();
        }
        for (String name : samples) {
            assertThat(inbox.resolve(".archived").resolve(name)).as("archived local copy").isRegularFile();
        }
        assertThat(log.messages("archive-inbox")).hasSize(samples.size())
                .allMatch(m -> m.startsWith("Archived inbox file ") && m.contains("ACL " + acl + ")"));
    }

    /** cleanup-scratch: nothing left under tmp/, the object outside the prefix kept. */
    private void checkScratchPrefixCleanedUp(String bucket, int created) {
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket).prefix("tmp/")).contents()).as("objects under tmp/").isEmpty();
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("keep/README.txt");
        assertThat(log.messages("cleanup-scratch")).singleElement().asString()
                .isEqualTo("Cleaned up prefix tmp/ in s3://" + bucket + ": listed " + created + ", deleted " + created
                           + ", errors 0");
    }

    /** inventory-buckets: the published inventory names every bucket with its region. */
    private void checkInventory(String reports, List<String> buckets) throws Exception {
        HeadObjectResponse head = s3.headObject(h -> h.bucket(reports).key("inventory/buckets.json"));
        assertThat(mediaType(head.contentType())).isEqualTo("application/json");
        String json = s3.getObjectAsBytes(g -> g.bucket(reports).key("inventory/buckets.json")).asUtf8String();
        List<Map<String, Object>> inventory = new ObjectMapper().readValue(json, new TypeReference<>() { });
        List<Map<String, Object>> expected = buckets.stream().sorted()
                .map(b -> Map.<String, Object>of("Bucket", b, "Region", "us-east-1")).toList();
        assertThat(inventory).isEqualTo(expected);
        assertThat(log.messages("inventory-buckets")).singleElement().asString()
                .startsWith("Inventory of " + buckets.size() + " buckets, written to s3://" + reports
                            + "/inventory/buckets.json");
    }

    /**
     * react-to-incoming: a receipt with the object's metadata, the object moved to processed/ by the newObjects consumer
     * (moveAfterRead), the incoming bucket empty.
     */
    private void checkReactionToIncomingObject(String reports, String incoming, String key) throws Exception {
        String receiptKey = "receipts/" + key + ".json";
        HeadObjectResponse receiptHead = s3.headObject(h -> h.bucket(reports).key(receiptKey));
        assertThat(mediaType(receiptHead.contentType())).isEqualTo("application/json");
        Map<String, Object> receipt = new ObjectMapper().readValue(
                s3.getObjectAsBytes(g -> g.bucket(reports).key(receiptKey)).asUtf8String(), new TypeReference<>() { });
        // the consumer moves the object once the exchange is done: allow it a moment
        HeadObjectResponse processed = eventually(() -> s3.headObject(h -> h.bucket(reports).key("processed/" + key)));
        assertThat(receipt).containsEntry("ContentType", "text/csv")
                .containsEntry("ContentLength", processed.contentLength().intValue())
                .containsEntry("ETag", processed.eTag())
                .containsKeys("LastModified", "Metadata", "StorageClass");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(reports).key("processed/" + key)).asUtf8String())
                .startsWith("sku,quantity\n");
        eventually(() -> {
            assertThat(s3.listObjectsV2(l -> l.bucket(incoming)).contents()).as("objects left in the incoming bucket").isEmpty();
            return null;
        });
        assertThat(log.messages("react-to-incoming")).singleElement().asString()
                .startsWith("New object s3://" + incoming + "/" + key + " (text/csv, " + processed.contentLength() + " bytes")
                .contains("receipt s3://" + reports + "/" + receiptKey)
                .contains("/" + reports + "/processed/" + key + "?<signature withheld>");
    }

    private static String property(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }

    /** Compares media types, not strings (S3Proxy drops the space before parameters). */
    private static String mediaType(String contentType) {
        return contentType == null ? null : contentType.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Retries a check until it passes or SETTLE is over, then fails with its last error. */
    private static <T> T eventually(CheckedSupplier<T> check) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                return check.get();
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private interface CheckedSupplier<T> {
        T get() throws Exception;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
