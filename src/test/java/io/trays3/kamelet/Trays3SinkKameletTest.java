package io.trays3.kamelet;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.Trays3ServiceException;
import io.trays3.app.EmbeddedS3Server;
import io.trays3.support.S3Target;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The kamelet the jar carries, {@code kamelets/trays3-sink.kamelet.yaml}, run through camel-kamelet as a user runs it
 * ({@code kamelet:trays3-sink?...}) against an S3 server of its own whose secret holds the characters URIs mangle; the
 * component itself is left unconfigured, so everything the sink connects with comes through the kamelet's properties.
 */
class Trays3SinkKameletTest {

    private static final String KAMELET = "kamelets/trays3-sink.kamelet.yaml";
    private static final String ACCESS_KEY = "AKIAKAMELETTEST";
    private static final String SECRET_KEY = "kamelet+secret/Value=1";
    private static EmbeddedS3Server server;

    private DefaultCamelContext context;
    private ProducerTemplate template;
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
    void startCamel() throws Exception {
        s3 = KameletFiles.target(server, ACCESS_KEY, SECRET_KEY).newClient();
        bucket = S3Target.createBucket(s3, false);
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("sink.endpoint", server.endpoint().toString());
        context.getPropertiesComponent().addInitialProperty("sink.bucket", bucket);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                String connection = "&endpointOverride={{sink.endpoint}}&forcePathStyle=true&accessKey=" + ACCESS_KEY;
                from("direct:templated")
                        .to("kamelet:trays3-sink?bucket={{sink.bucket}}&key=orders/${header.orderId}.json"
                            + "&contentType=application/json" + connection + "&secretKey=RAW(" + SECRET_KEY + ")");
                from("direct:untemplated")
                        .to("kamelet:trays3-sink?bucket={{sink.bucket}}" + connection + "&secretKey=RAW(" + SECRET_KEY + ")");
                from("direct:wrongSecret")
                        .to("kamelet:trays3-sink?bucket={{sink.bucket}}&key=never.txt" + connection
                            + "&secretKey=RAW(not-the-secret)");
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        try {
            context.stop();
            S3Target.deleteBucket(s3, bucket);
        } finally {
            s3.close();
        }
    }

    @Test
    void theSinkPutsTextUnderTheKeyTemplateWithTheContentTypeGiven() {
        template.sendBodyAndHeader("direct:templated", "{\"order\":1001,\"total\":\"42.00 €\"}", "orderId", "1001");

        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("orders/1001.json"));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(read("orders/1001.json")).isEqualTo("{\"order\":1001,\"total\":\"42.00 €\"}");
    }

    @Test
    void withoutATemplateTheKeyComesFromTheTrays3HeaderThenTheFileHeadersThenAnExchangeId() {
        template.sendBodyAndHeader("direct:untemplated", "from the trays3 header", "CamelTrays3Key", "a/trays3.txt");
        template.sendBodyAndHeaders("direct:untemplated", "from file", Map.of("file", "b/file.txt", "ce-file", "ignored.txt"));
        template.sendBodyAndHeader("direct:untemplated", "from ce-file", "ce-file", "c/ce-file.txt");
        template.sendBody("direct:untemplated", "no key");

        assertThat(read("a/trays3.txt")).isEqualTo("from the trays3 header");
        assertThat(read("b/file.txt")).isEqualTo("from file");
        assertThat(read("c/ce-file.txt")).isEqualTo("from ce-file");
        // the kamelet's route runs its own exchange: its id, not the caller's, names the object
        List<String> others = s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(o -> o.key())
                .filter(key -> !key.contains("/")).toList();
        assertThat(others).singleElement().asString().matches("[0-9A-F]{15}-[0-9]{16}");
        assertThat(read(others.get(0))).isEqualTo("no key");
        assertThat(s3.headObject(h -> h.bucket(bucket).key("a/trays3.txt")).contentType())
                .as("the content type of the key's extension").startsWith("text/plain");
    }

    @Test
    void bytesAndStreamsAreUploadedAsTheyAre() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        template.sendBodyAndHeader("direct:untemplated", bytes, "CamelTrays3Key", "bin/bytes.bin");
        InputStream stream = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8));
        template.sendBodyAndHeader("direct:untemplated", stream, "CamelTrays3Key", "bin/stream.txt");

        assertThat(s3.getObjectAsBytes(g -> g.bucket(bucket).key("bin/bytes.bin")).asByteArray()).isEqualTo(bytes);
        assertThat(read("bin/stream.txt")).isEqualTo("streamed");
    }

    @Test
    void theSecretKeyPropertyIsWhatSignsTheRequests() {
        Throwable thrown = catchThrowable(() -> template.sendBody("direct:wrongSecret", "x"));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class);
        assertThat(((Trays3ServiceException) thrown.getCause()).getMessage()).contains("SignatureDoesNotMatch")
                .doesNotContain("not-the-secret");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).keyCount()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefinitionDeclaresWhatItsTemplateUsesAndMarksTheSecretsAsTheCatalogDoes() throws Exception {
        Map<String, Object> kamelet = kamelet();
        Map<String, Object> definition = map(map(kamelet.get("spec")).get("definition"));
        Map<String, Object> properties = map(definition.get("properties"));
        String template = Jsoner.serialize(map(kamelet.get("spec")).get("template"));

        Set<String> used = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\{\\{\\??([A-Za-z]+)}}").matcher(template);
        while (placeholder.find()) {
            used.add(placeholder.group(1));
        }
        assertThat(properties.keySet()).as("declared properties = the properties the template uses")
                .containsExactlyInAnyOrderElementsOf(used);
        assertThat((List<Object>) definition.get("required")).containsExactly("bucket");
        for (String secret : List.of("accessKey", "secretKey")) {
            Map<String, Object> property = map(properties.get(secret));
            assertThat(property.get("format")).as(secret).isEqualTo("password");
            assertThat((List<Object>) property.get("x-descriptors")).as(secret)
                    .contains("urn:alm:descriptor:com.tectonic.ui:password", "urn:camel:group:credentials");
        }
        properties.forEach((name, value) -> {
            assertThat(map(value).get("title")).as(name + " title").isNotNull();
            assertThat(map(value).get("description")).as(name + " description").isNotNull();
        });
        assertThat(map(map(kamelet.get("metadata")).get("labels")).get("camel.apache.org/kamelet.type")).isEqualTo("sink");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefinitionNamesTrays3OptionsThatExistAndTheVersionOfThisBuild() throws Exception {
        Map<String, Object> kamelet = kamelet();
        JsonObject catalog = catalog();
        JsonObject options = (JsonObject) catalog.get("properties");
        Map<String, Object> properties = map(map(map(kamelet.get("spec")).get("definition")).get("properties"));
        String version = ((JsonObject) catalog.get("component")).getString("version");

        List<String> passedAsOptions = new ArrayList<>(properties.keySet());
        passedAsOptions.remove("key");
        assertThat(options.keySet()).as("trays3 options").containsAll(passedAsOptions);
        assertThat((List<Object>) map(kamelet.get("spec")).get("dependencies"))
                .as("the kamelet's dependency on this component: update it with the project's version")
                .contains("mvn:io.trays3:camel-trays3:" + version);
        assertThat(map(map(kamelet.get("metadata")).get("annotations")).get("camel.apache.org/catalog.version"))
                .isEqualTo(version);
    }

    private String read(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
    }

    private static Map<String, Object> kamelet() throws Exception {
        return KameletFiles.load(KAMELET);
    }

    private static JsonObject catalog() throws Exception {
        try (InputStream in = Trays3SinkKameletTest.class.getResourceAsStream("/META-INF/io/trays3/trays3.json")) {
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> map(Object value) {
        return KameletFiles.map(value);
    }
}
