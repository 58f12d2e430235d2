package io.trays3.app;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.trays3.Trays3Configuration;
import io.trays3.operation.Trays3Operation;
import io.trays3.support.S3TestSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.SystemProperties;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs every operation, the newObjects consumer, failing calls and an assumed role (with an external id, against an STS
 * stub) with DEBUG/TRACE on trays3, Camel, the SDK and Apache HttpClient's wire and header loggers, and checks that what
 * the application's log encoder writes holds no access key id, secret key, session token, external id or signature. The
 * same events through a plain encoder show what would leak without it: the test proves it sees the secrets it checks.
 */
class SecretsInLogsTest extends S3TestSupport {

    private static final List<String> DEBUG_LOGGERS = List.of("io.trays3", "org.apache.camel", "software.amazon.awssdk",
            "software.amazon.awssdk.request", "org.apache.http.wire", "org.apache.http.headers", "org.apache.http");
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n";
    private static final Pattern EVENT_START = Pattern.compile(
            "(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +[A-Z]+ +\\[[^]\n]*] (\\S+) - ");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)signature=([0-9a-f]{16,})");

    // a session token with the characters that URL encoding changes, as real ones have
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEStaticSessionToken/trays3+Kq7=";
    private static final String WRONG_SECRET = "wrong-secret-for-the-error-path-Hv2";
    private static final String STS_BASE_ACCESS_KEY = "AKIASTSBASEIDENTITY7";
    private static final String STS_BASE_SECRET = "sts-base-secret-Xw81/Pq";
    private static final String EXTERNAL_ID = "trays3-external-id-Mz5";
    private static final String STS_ACCESS_KEY = "ASIAFROMSTSTRAYS3KEY";
    private static final String STS_SECRET = "secret-returned-by-sts-Rt5/Lm+9";
    private static final String STS_TOKEN = "IQoJb3JpZ2luX2VjEFromSts/session+token==";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream maskedOut = new ByteArrayOutputStream();
    private final ByteArrayOutputStream rawOut = new ByteArrayOutputStream();
    private final List<Appender<ILoggingEvent>> stashed = new ArrayList<>();
    private final Map<String, Level> savedLevels = new LinkedHashMap<>();
    private OutputStreamAppender<ILoggingEvent> masked;
    private OutputStreamAppender<ILoggingEvent> raw;

    @BeforeEach
    void captureEverythingAtDebug() {
        Logger root = logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // the console appender of the test configuration would print megabytes of wire log into the build output
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            stashed.add(it.next());
        }
        stashed.forEach(root::detachAppender);
        masked = appender(maskedOut, applicationEncoder());
        raw = appender(rawOut, plainEncoder());
        root.addAppender(masked);
        root.addAppender(raw);
        for (String name : DEBUG_LOGGERS) {
            savedLevels.put(name, logger(name).getLevel());
            logger(name).setLevel(name.startsWith("org.apache.http") ? Level.TRACE : Level.DEBUG);
        }
    }

    @AfterEach
    void restoreLogging() {
        Logger root = logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        savedLevels.forEach((name, level) -> logger(name).setLevel(level));
        root.detachAppender(masked);
        root.detachAppender(raw);
        masked.stop();
        raw.stop();
        stashed.forEach(root::addAppender);
    }

    @Test
    void noOperationLogsAKeyATokenAnExternalIdOrASignature() throws Exception {
        Set<Trays3Operation> ran = EnumSet.noneOf(Trays3Operation.class);
        runEveryOperationWithStaticKeysAndASessionToken(ran);
        failWithAWrongSecretKey();
        assumeARoleWithAnExternalId();
        assertThat(ran).as("operations run").containsExactlyInAnyOrder(Trays3Operation.values());

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("access key id", target.accessKey());
        secrets.put("secret key", target.secretKey());
        secrets.put("session token", SESSION_TOKEN);
        secrets.put("wrong secret key", WRONG_SECRET);
        secrets.put("STS base access key id", STS_BASE_ACCESS_KEY);
        secrets.put("STS base secret key", STS_BASE_SECRET);
        secrets.put("external id", EXTERNAL_ID);
        secrets.put("access key id returned by STS", STS_ACCESS_KEY);
        secrets.put("secret key returned by STS", STS_SECRET);
        secrets.put("session token returned by STS", STS_TOKEN);

        String rawLog = rawOut.toString(StandardCharsets.UTF_8);
        String maskedLog = maskedOut.toString(StandardCharsets.UTF_8);
        // the loggers were on: without masking, the wire log holds the signed requests and STS's answer
        assertThat(rawLog).as("unmasked log").contains("Authorization: AWS4-HMAC-SHA256").contains("<SecretAccessKey>");
        Map<String, Map<String, Integer>> before = leaks(rawLog, secrets);
        assertThat(before).as("secrets the unmasked log holds").isNotEmpty();
        System.out.println("SecretsInLogsTest: unmasked log " + rawLog.length() + " chars, masked " + maskedLog.length()
                           + " chars; log events holding a secret, by logger, unmasked:");
        before.forEach((name, where) -> System.out.println("  " + name + ": " + where));

        Map<String, Map<String, Integer>> after = leaks(maskedLog, secrets);
        assertThat(after).as("secrets in what the application's encoder writes").isEmpty();
    }

    /** Each secret (raw or URL-encoded) and signature found, with how many log events of which logger hold it. */
    private static Map<String, Map<String, Integer>> leaks(String log, Map<String, String> secrets) {
        Map<String, Map<String, Integer>> found = new LinkedHashMap<>();
        List<String[]> events = events(log);
        secrets.forEach((name, value) -> {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            count(found, name, events, text -> text.contains(value) || text.contains(encoded));
        });
        count(found, "signature", events, text -> SIGNATURE.matcher(text).find());
        return found;
    }

    private static void count(Map<String, Map<String, Integer>> found, String name, List<String[]> events,
                              Predicate<String> holds) {
        Map<String, Integer> byLogger = new TreeMap<>();
        for (String[] event : events) {
            if (holds.test(event[1])) {
                byLogger.merge(event[0], 1, Integer::sum);
            }
        }
        if (!byLogger.isEmpty()) {
            found.put(name, byLogger);
        }
    }

    /** The log's events as logger name and whole text (a message of several lines, a stack trace). */
    private static List<String[]> events(String log) {
        List<String[]> events = new ArrayList<>();
        Matcher start = EVENT_START.matcher(log);
        List<Integer> starts = new ArrayList<>();
        List<String> loggers = new ArrayList<>();
        while (start.find()) {
            starts.add(start.start());
            loggers.add(start.group(1));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : log.length();
            events.add(new String[] {loggers.get(i), log.substring(starts.get(i), end)});
        }
        return events;
    }

    private void runEveryOperationWithStaticKeysAndASessionToken(Set<Trays3Operation> ran) throws Exception {
        CamelContext camel = Trays3Contexts.pointedAt(target.endpoint(), c -> {
            c.setAccessKey(target.accessKey());
            c.setSecretKey(target.secretKey());
            c.setSessionToken(SESSION_TOKEN);
        });
        try {
            String b = "?bucket=" + bucket;
            Path file = Files.writeString(temp.resolve("report.csv"), "a,b\n1,2\n");
            Map<Trays3Operation, Runnable> calls = new LinkedHashMap<>();
            calls.put(Trays3Operation.putObjectText, () -> send(camel, "putObjectText" + b + "&key=in/a.txt", "alpha"));
            calls.put(Trays3Operation.putObjectFile, () -> send(camel, "putObjectFile" + b + "&key=in/report.csv",
                    file.toFile()));
            calls.put(Trays3Operation.headObject, () -> send(camel, "headObject" + b + "&key=in/a.txt", null));
            calls.put(Trays3Operation.getObject, () -> send(camel, "getObject" + b + "&key=in/a.txt", null));
            calls.put(Trays3Operation.copyObject, () -> send(camel, "copyObject" + b + "&key=in/a.txt&destinationKey=copy/a.txt",
                    null));
            calls.put(Trays3Operation.putObjectAcl, () -> send(camel, "putObjectAcl" + b + "&key=copy/a.txt&acl=private", null));
            calls.put(Trays3Operation.getObjectSignedUrl, () -> send(camel, "getObjectSignedUrl" + b + "&key=in/a.txt", null));
            calls.put(Trays3Operation.getBucketLocation, () -> send(camel, "getBucketLocation" + b, null));
            calls.put(Trays3Operation.listBucketObjects, () -> send(camel, "listBucketObjects" + b + "&prefix=in/", null));
            calls.put(Trays3Operation.listBuckets, () -> send(camel, "listBuckets", null));
            calls.put(Trays3Operation.listBucketsDdl, () -> send(camel, "listBucketsDdl", null));
            calls.put(Trays3Operation.deleteObject, () -> send(camel, "deleteObject" + b + "&key=copy/a.txt", null));
            calls.put(Trays3Operation.deleteMultipleObjects, () -> send(camel, "deleteMultipleObjects" + b,
                    List.of("in/report.csv")));
            calls.forEach((operation, call) -> {
                call.run();
                ran.add(operation);
            });

            CountDownLatch delivered = new CountDownLatch(1);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("trays3:newObjects" + b + "&prefix=in/&initialDelay=0&delay=100").process(e -> delivered.countDown());
                }
            });
            assertThat(delivered.await(30, TimeUnit.SECONDS)).as("newObjects delivered in/a.txt").isTrue();
            ran.add(Trays3Operation.newObjects);

            // error paths: a missing object, and a route whose error handler logs the failed exchange after a signed URL
            assertThat(catchThrowable(() -> send(camel, "getObject" + b + "&key=missing.txt", null))).isNotNull();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:share").to("trays3:getObjectSignedUrl" + b + "&key=in/a.txt")
                            .to("trays3:headObject" + b + "&key=missing.txt");
                }
            });
            assertThat(catchThrowable(() -> camel.createProducerTemplate().requestBody("direct:share", "x"))).isNotNull();
        } finally {
            camel.stop();
        }
    }

    private void failWithAWrongSecretKey() {
        CamelContext camel = Trays3Contexts.pointedAt(target.endpoint(),
                                                      Trays3Contexts.keys(target.accessKey(), WRONG_SECRET));
        try {
            assertThat(catchThrowable(() -> send(camel, "putObjectText?bucket=" + bucket + "&key=refused.txt", "x")))
                    .as("a wrong secret key is refused").isNotNull();
        } finally {
            camel.stop();
        }
    }

    private void assumeARoleWithAnExternalId() throws Exception {
        String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String credentials = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials><AccessKeyId>" + STS_ACCESS_KEY + "</AccessKeyId><SecretAccessKey>" + STS_SECRET
                + "</SecretAccessKey><SessionToken>" + STS_TOKEN + "</SessionToken><Expiration>" + expiration
                + "</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROATRAYS3:s</AssumedRoleId>"
                + "<Arn>arn:aws:sts::123456789012:assumed-role/trays3/s</Arn></AssumedRoleUser></AssumeRoleResult>"
                + "<ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>";
        try (StubS3Server sts = StubS3Server.routing(r -> new Response(200, credentials, "Content-Type", "text/xml"));
             StubS3Server s3 = StubS3Server.routing(r -> r.method().equals("PUT") ? new Response(200, "", "ETag", "\"e\"")
                     : new Response(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "req-403"),
                                    "Content-Type", "application/xml"));
             SystemProperties p = SystemProperties.set("aws.endpointUrlSts", sts.endpoint().toString(),
                                                       "aws.region", "us-east-1")) {
            Consumer<Trays3Configuration> role = c -> {
                c.setAccessKey(STS_BASE_ACCESS_KEY);
                c.setSecretKey(STS_BASE_SECRET);
                c.setRoleArn("arn:aws:iam::123456789012:role/uploader");
                c.setExternalId(EXTERNAL_ID);
            };
            CamelContext camel = Trays3Contexts.pointedAt(s3.endpoint(), role);
            try {
                send(camel, "putObjectText?bucket=b-1&key=k", "x");
                send(camel, "getObjectSignedUrl?bucket=b-1&key=k", null);
                assertThat(catchThrowable(() -> send(camel, "headObject?bucket=b-1&key=k", null))).isNotNull();
            } finally {
                camel.stop();
            }
            assertThat(sts.seen()).as("the role was assumed with the external id")
                    .anySatisfy(r -> assertThat(r.body()).contains("ExternalId=" + EXTERNAL_ID));
            assertThat(s3.seen().get(0).header("x-amz-security-token")).isEqualTo(STS_TOKEN);
        }
    }

    private static void send(CamelContext camel, String uri, Object body) {
        camel.createProducerTemplate().requestBody("trays3:" + uri, body);
    }

    private static OutputStreamAppender<ILoggingEvent> appender(ByteArrayOutputStream out, Encoder<ILoggingEvent> encoder) {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(loggerContext());
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        return appender;
    }

    /** The encoder the application's logging configurations use (checked below), with a pattern naming whole loggers. */
    private static Encoder<ILoggingEvent> applicationEncoder() {
        SecretMaskingEncoder encoder = new SecretMaskingEncoder();
        encoder.setContext(loggerContext());
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    @Test
    void theApplicationAndTheToolsLogThroughTheMaskingEncoder() throws Exception {
        for (String configuration : List.of(Trays3Application.LOGBACK_CONFIG, Trays3Application.LOGBACK_CLI_CONFIG)) {
            LoggerContext separate = new LoggerContext();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(separate);
            configurator.doConfigure(getClass().getClassLoader().getResource(configuration));
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            separate.getLoggerList().forEach(l -> l.iteratorForAppenders().forEachRemaining(appenders::add));
            assertThat(appenders).as(configuration).isNotEmpty().allSatisfy(a -> assertThat(a)
                    .isInstanceOfSatisfying(OutputStreamAppender.class,
                            o -> assertThat(o.getEncoder()).isInstanceOfSatisfying(SecretMaskingEncoder.class,
                                    e -> assertThat(e.isStarted()).as("started with its pattern").isTrue())));
            separate.stop();
        }
    }

    private static Encoder<ILoggingEvent> plainEncoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(loggerContext());
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }

    private static LoggerContext loggerContext() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }
}
