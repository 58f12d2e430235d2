package io.trays3.kamelet;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.app.EmbeddedS3Server;
import io.trays3.support.S3Target;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source kamelet the jar carries, {@code kamelets/trays3-new-objects-source.kamelet.yaml}, run through camel-kamelet
 * as a user runs it ({@code from("kamelet:trays3-new-objects-source?...")}) against an S3 server of its own; everything
 * it connects with comes through the kamelet's properties.
 */
class Trays3NewObjectsSourceKameletTest {

    private static final String KAMELET = "kamelets/trays3-new-objects-source.kamelet.yaml";
    private static final String ACCESS_KEY = "AKIAKAMELETSOURCE";
    private static final String SECRET_KEY = "source+secret/Value=2";
    private static EmbeddedS3Server server;

    private DefaultCamelContext context;
    private S3Client s3;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedS3Server.start("127.0.0.1", 0, null, ACCESS_KEY, SECRET_KEY);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void createBucket() {
        s3 = KameletFiles.target(server, ACCESS_KEY, SECRET_KEY).newClient();
        bucket = S3Target.createBucket(s3, false);
    }

    @AfterEach
    void stopCamel() throws Exception {
        try {
            if (context != null) {
                context.stop();
            }
            S3Target.deleteBucket(s3, bucket);
        } finally {
            s3.close();
        }
    }

    @Test
    void eachNewObjectUnderThePrefixArrivesOnceWithItsHeaders() throws Exception {
        put("in/a.csv", "a");
        put("in/b.csv", "b");
        put("other/c.csv", "c");
        startSource("&prefix=in/");
        MockEndpoint arrived = context.getEndpoint("mock:arrived", MockEndpoint.class);
        arrived.expectedMessageCount(2);
        // still two a second later: a later poll delivers nothing again
        arrived.setAssertPeriod(1000);

        arrived.assertIsSatisfied(20_000);

        assertThat(arrived.getExchanges()).extracting(e -> e.getMessage().getHeader("CamelTrays3Key"))
                .containsExactlyInAnyOrder("in/a.csv", "in/b.csv");
        for (Exchange exchange : arrived.getExchanges()) {
            assertThat(exchange.getMessage().getHeader("CamelTrays3Bucket")).isEqualTo(bucket);
            assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("Key",
                                                                              exchange.getMessage().getHeader("CamelTrays3Key"));
        }
    }

    @Test
    void deleteAfterReadRemovesWhatWasDelivered() throws Exception {
        put("in/gone.csv", "x");
        startSource("&prefix=in/&deleteAfterRead=true");
        MockEndpoint arrived = context.getEndpoint("mock:arrived", MockEndpoint.class);
        arrived.expectedMessageCount(1);
        arrived.assertIsSatisfied(20_000);

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (s3.listObjectsV2(l -> l.bucket(bucket)).keyCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefinitionDeclaresWhatItsTemplateUsesNamesTrays3OptionsAndMarksTheSecrets() throws Exception {
        Map<String, Object> kamelet = kamelet();
        Map<String, Object> definition = map(map(kamelet.get("spec")).get("definition"));
        Map<String, Object> properties = map(definition.get("properties"));
        String template = Jsoner.serialize(map(kamelet.get("spec")).get("template"));

        Set<String> used = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\{\\{\\??([A-Za-z]+)}}").matcher(template);
        while (placeholder.find()) {
            used.add(placeholder.group(1));
        }
        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(used);
        assertThat((List<Object>) definition.get("required")).containsExactly("bucket");
        for (String secret : List.of("accessKey", "secretKey")) {
            assertThat(map(properties.get(secret)).get("format")).as(secret).isEqualTo("password");
        }
        JsonObject catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/trays3/trays3.json")) {
            catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(((JsonObject) catalog.get("properties")).keySet()).as("trays3 options")
                .containsAll(properties.keySet());
        assertThat(map(map(kamelet.get("metadata")).get("labels")).get("camel.apache.org/kamelet.type"))
                .isEqualTo("source");
        assertThat((List<Object>) map(kamelet.get("spec")).get("dependencies"))
                .contains("mvn:io.trays3:camel-trays3:" + ((JsonObject) catalog.get("component")).getString("version"));
    }

    private void startSource(String options) throws Exception {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("source.endpoint", server.endpoint().toString());
        context.getPropertiesComponent().addInitialProperty("source.bucket", bucket);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:trays3-new-objects-source?bucket={{source.bucket}}&delay=200" + options
                     + "&endpointOverride={{source.endpoint}}&forcePathStyle=true&accessKey=" + ACCESS_KEY
                     + "&secretKey=RAW(" + SECRET_KEY + ")")
                        .to("mock:arrived");
            }
        });
        context.start();
    }

    private void put(String key, String content) {
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static Map<String, Object> kamelet() throws Exception {
        return KameletFiles.load(KAMELET);
    }

    private static Map<String, Object> map(Object value) {
        return KameletFiles.map(value);
    }
}
