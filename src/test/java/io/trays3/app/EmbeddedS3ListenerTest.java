package io.trays3.app;

import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import io.trays3.support.CapturedLog;
import io.trays3.support.Eventually;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How the application's Camel Main configures the trays3 component from the real application.properties,
 * with the embedded server and without it (the routes are built but not started), and the embedded server's safe
 * defaults: a random secret per run in an owner-only file, SigV4 only, a warning when it binds beyond loopback.
 */
class EmbeddedS3ListenerTest {

    private static final String LISTENER_LOGGER = EmbeddedS3Listener.class.getName();

    @TempDir
    Path temp;

    private final CapturedLog log = new CapturedLog();
    private EmbeddedS3Listener embedded;
    private Main main;

    @BeforeEach
    void captureLogs() {
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            stopMain();
        } finally {
            root().detachAppender(log);
        }
    }

    @Test
    void theEmbeddedServerStartsBeforeTheRoutesWithTheDemoBucketsAndTrays3PointsAtIt() throws Exception {
        CamelContext context = init("true", "127.0.0.1");

        URI endpoint = embedded.endpoint().orElseThrow(() -> new AssertionError("the embedded server did not start"));
        EmbeddedS3Credentials keys = embedded.credentials().orElseThrow();
        Trays3Configuration trays3 = context.getComponent("trays3", Trays3Component.class).getConfiguration();
        assertThat(trays3.getEndpointOverride()).isEqualTo(endpoint.toString());
        assertThat(trays3.isForcePathStyle()).isTrue();
        assertThat(trays3.getRegion()).isEqualTo("us-east-1");
        assertThat(trays3.getAccessKey()).isEqualTo(property(context, "trays3.embedded.access-key")).isEqualTo(keys.accessKey());
        assertThat(trays3.getSecretKey()).isEqualTo(keys.secretKey());
        // the example routes no longer use camel-aws2-s3: the application configures no such component
        assertThat(context.hasComponent("aws2-s3")).isNull();

        try (S3Client s3 = client(endpoint, trays3.getAccessKey(), trays3.getSecretKey())) {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactlyInAnyOrder(
                    property(context, "demo.reports-bucket"), property(context, "demo.archive-bucket"),
                    property(context, "demo.scratch-bucket"), property(context, "demo.incoming-bucket"));
        }
    }

    @Test
    void eachRunHasARandomSecretWrittenToAnOwnerOnlyFileThatOtherS3ClientsCanUse() throws Exception {
        CamelContext context = init("true", "127.0.0.1");
        Path file = credentialsFile();
        String firstSecret = embedded.credentials().orElseThrow().secretKey();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties written = load(file);
        Trays3Configuration trays3 = context.getComponent("trays3", Trays3Component.class).getConfiguration();
        assertThat(written.getProperty("AWS_ACCESS_KEY_ID")).isEqualTo(trays3.getAccessKey()).isEqualTo("trays3-demo");
        assertThat(written.getProperty("AWS_SECRET_ACCESS_KEY")).isEqualTo(trays3.getSecretKey()).isEqualTo(firstSecret)
                .hasSize(40).matches("[A-Za-z0-9_-]+").isNotEqualTo("trays3-demo-secret");
        assertThat(written.getProperty("AWS_ENDPOINT_URL")).isEqualTo(trays3.getEndpointOverride());
        assertThat(written.getProperty("AWS_REGION")).isEqualTo("us-east-1");
        // what the file says is enough for another client: a SigV4 put and get
        try (S3Client s3 = client(URI.create(written.getProperty("AWS_ENDPOINT_URL")), written.getProperty("AWS_ACCESS_KEY_ID"),
                                  written.getProperty("AWS_SECRET_ACCESS_KEY"))) {
            String bucket = property(context, "demo.scratch-bucket");
            s3.putObject(p -> p.bucket(bucket).key("from-the-file.txt"), RequestBody.fromString("signed with the file's keys"));
            assertThat(s3.getObjectAsBytes(g -> g.bucket(bucket).key("from-the-file.txt")).asUtf8String())
                    .isEqualTo("signed with the file's keys");
        }
        assertThat(log.messages()).noneMatch(m -> m.contains(firstSecret))
                .anyMatch(m -> m.contains("accessKey=trays3-demo&secretKey=xxxxxx") && m.contains("random for this run")
                               && m.contains(file.toString()));

        stopMain();
        assertThat(file).as("the credentials file once the server stopped").doesNotExist();
        init("true", "127.0.0.1");
        String secondSecret = embedded.credentials().orElseThrow().secretKey();
        assertThat(secondSecret).isNotEqualTo(firstSecret);
        assertThat(load(credentialsFile()).getProperty("AWS_SECRET_ACCESS_KEY")).isEqualTo(secondSecret);
    }

    @Test
    void aSecretTheUserSetsIsUsedAsItIsAndNeverLogged() throws Exception {
        String secret = "user-chosen-secret-7Qm2";
        embedded = new EmbeddedS3Listener();
        main = newMain("true", "127.0.0.1");
        main.addOverrideProperty("trays3.embedded.secret-key", secret);
        main.init();

        assertThat(embedded.credentials().orElseThrow().secretKey()).isEqualTo(secret);
        assertThat(main.getCamelContext().getComponent("trays3", Trays3Component.class).getConfiguration().getSecretKey())
                .isEqualTo(secret);
        assertThat(load(credentialsFile()).getProperty("AWS_SECRET_ACCESS_KEY")).isEqualTo(secret);
        assertThat(log.messages()).noneMatch(m -> m.contains(secret)).anyMatch(m -> m.contains("secret as configured"));
    }

    @Test
    void aRequestSignedWithSignatureV2IsRefused() throws Exception {
        init("true", "127.0.0.1");
        URI endpoint = embedded.endpoint().orElseThrow();
        EmbeddedS3Credentials keys = embedded.credentials().orElseThrow();

        assertThat(listBucketsSignedV2(endpoint, keys)).as("a V2-signed ListBuckets").isEqualTo(403);

        // the same request is well signed: S3Proxy accepting V2 as well answers it
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", keys.accessKey());
        properties.setProperty("jclouds.credential", keys.secretKey());
        BlobStore store = BlobStores.create("transient", properties);
        S3Proxy v2OrV4 = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, keys.accessKey(), keys.secretKey()).build();
        v2OrV4.start();
        try {
            Eventually.until(Duration.ofSeconds(30), "S3Proxy accepting V2 started",
                             () -> AbstractLifeCycle.STARTED.equals(v2OrV4.getState()));
            assertThat(listBucketsSignedV2(URI.create("http://127.0.0.1:" + v2OrV4.getPort()), keys))
                    .as("the same V2-signed ListBuckets on a server accepting V2").isEqualTo(200);
        } finally {
            v2OrV4.stop();
            store.close();
        }
    }

    @Test
    void bindingBeyondLoopbackLogsAWarningAndLoopbackDoesNot() throws Exception {
        init("true", "127.0.0.1");
        assertThat(log.events(Level.WARN)).as("WARN events with 127.0.0.1").noneMatch(m -> m.startsWith(LISTENER_LOGGER));
        stopMain();

        init("true", "0.0.0.0");
        assertThat(log.events(Level.WARN)).as("WARN events with 0.0.0.0").anyMatch(m -> m.startsWith(LISTENER_LOGGER)
                && m.contains("binds 0.0.0.0") && m.contains("not loopback") && m.contains("127.0.0.1"));
    }

    @Test
    void withoutTheEmbeddedServerTheEmptyConnectionSettingsMeanAwsAndTheDefaultCredentialsChain() throws Exception {
        for (String name : new String[] {"TRAYS3_ENDPOINT", "TRAYS3_REGION", "TRAYS3_ACCESS_KEY", "TRAYS3_SECRET_KEY",
                                         "TRAYS3_FORCE_PATH_STYLE"}) {
            assumeTrue(System.getenv(name) == null, name + " is set in this environment");
        }
        CamelContext context = init("false", "127.0.0.1");

        assertThat(embedded.endpoint()).isEmpty();
        assertThat(embedded.credentials()).isEmpty();
        assertThat(credentialsFile()).doesNotExist();
        Trays3Configuration trays3 = context.getComponent("trays3", Trays3Component.class).getConfiguration();
        assertThat(trays3.hasEndpointOverride()).as("endpointOverride '%s' set", trays3.getEndpointOverride()).isFalse();
        assertThat(trays3.isRegionAuto()).isTrue();
        assertThat(trays3.getAccessKey()).isNullOrEmpty();
        assertThat(trays3.getSecretKey()).isNullOrEmpty();
        assertThat(trays3.isForcePathStyle()).isFalse();
    }

    private CamelContext init(String enabled, String host) {
        embedded = new EmbeddedS3Listener();
        main = newMain(enabled, host);
        main.init();
        return main.getCamelContext();
    }

    private Main newMain(String enabled, String host) {
        Main created = Trays3Application.newMain(embedded);
        created.addOverrideProperty("trays3.embedded.enabled", enabled);
        created.addOverrideProperty("trays3.embedded.host", host);
        created.addOverrideProperty("trays3.embedded.port", "0");
        created.addOverrideProperty("trays3.embedded.data-dir", temp.resolve("data").toString());
        created.addOverrideProperty("trays3.embedded.credentials-file", credentialsFile().toString());
        created.addOverrideProperty("demo.dir", temp.resolve("demo").toString());
        return created;
    }

    private void stopMain() {
        try {
            if (main != null) {
                main.stop();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            main = null;
            embedded = null;
        }
    }

    private Path credentialsFile() {
        return temp.resolve("embedded-s3.env");
    }

    /** A ListBuckets signed by hand the way S3 signature version 2 does it: {@code Authorization: AWS key:signature}. */
    private static int listBucketsSignedV2(URI endpoint, EmbeddedS3Credentials keys) throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(keys.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(("GET\n\n\n" + date + "\n/").getBytes(StandardCharsets.UTF_8)));
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
        try {
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(20_000);
            connection.setRequestProperty("Date", date);
            connection.setRequestProperty("Authorization", "AWS " + keys.accessKey() + ":" + signature);
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static String property(CamelContext context, String key) {
        return context.resolvePropertyPlaceholders("{{" + key + "}}");
    }
}
