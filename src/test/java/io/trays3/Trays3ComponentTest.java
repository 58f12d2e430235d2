package io.trays3;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trays3.operation.Trays3Operation;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The component and endpoint themselves: URI parsing, defaults, metadata and secrets (no S3 server needed). */
class Trays3ComponentTest {

    private CamelContext context;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void anUnknownOperationFailsRouteStartListingTheValidOnes() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("trays3:putObjectTxt?bucket=b");
            }
        });

        assertThatThrownBy(context::start)
                .isInstanceOf(FailedToCreateRouteException.class)
                .rootCause()
                .hasMessageContaining("Unknown trays3 operation 'putObjectTxt'")
                .hasMessageContaining("putObjectText")
                .hasMessageContaining(Trays3Operation.names());
    }

    @Test
    void operationsResolveFromTheirUriTokenForgivingCase() {
        context.start();

        Trays3Endpoint exact = context.getEndpoint("trays3:getObjectSignedUrl", Trays3Endpoint.class);
        Trays3Endpoint anyCase = context.getEndpoint("trays3:LISTBUCKETSDDL", Trays3Endpoint.class);

        assertThat(exact.getOperation()).isEqualTo(Trays3Operation.getObjectSignedUrl);
        assertThat(anyCase.getOperation()).isEqualTo(Trays3Operation.listBucketsDdl);
    }

    @Test
    void uriOptionsOverrideComponentDefaultsWithoutChangingThem() {
        Trays3Component component = new Trays3Component();
        component.getConfiguration().setBucket("default-bucket");
        component.getConfiguration().setRegion("eu-west-1");
        context.addComponent("trays3", component);
        context.start();

        Trays3Endpoint overridden = context.getEndpoint("trays3:headObject?bucket=uri-bucket&expiresSeconds=60",
                                                        Trays3Endpoint.class);
        Trays3Endpoint plain = context.getEndpoint("trays3:headObject", Trays3Endpoint.class);

        assertThat(overridden.getConfiguration().getBucket()).isEqualTo("uri-bucket");
        assertThat(overridden.getConfiguration().getExpiresSeconds()).isEqualTo(60);
        assertThat(overridden.getConfiguration().getRegion()).isEqualTo("eu-west-1");
        assertThat(plain.getConfiguration().getBucket()).isEqualTo("default-bucket");
        assertThat(component.getConfiguration().getBucket()).isEqualTo("default-bucket");
    }

    @Test
    void onlyNewObjectsConsumesAndTheOtherOperationsSaySo() {
        context.start();
        Trays3Endpoint endpoint = context.getEndpoint("trays3:listBuckets", Trays3Endpoint.class);

        assertThatThrownBy(() -> endpoint.createConsumer(exchange -> { }))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("trays3:listBuckets only sends")
                .hasMessageContaining("trays3:newObjects");
    }

    @Test
    void newObjectsInATooStopsTheRouteFromStartingSayingWhereItBelongs() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").to("trays3:newObjects?bucket=b-1");
            }
        });

        assertThatThrownBy(context::start).rootCause()
                .hasMessage("trays3:newObjects is a consumer: use it in from(...), not in to(...)");
    }

    @Test
    void secretsNeverShowInToStringOrTheEndpointsDescription() {
        context.start();
        Trays3Endpoint endpoint = context.getEndpoint(
                "trays3:listBuckets?accessKey=AKIAEXAMPLE123&secretKey=RAW(s3cr3t/Value+x)&sessionToken=tok3nValue"
                + "&roleArn=arn:aws:iam::123456789012:role/r&externalId=3xt3rnalId",
                Trays3Endpoint.class);

        assertThat(endpoint.getConfiguration().getSecretKey()).isEqualTo("s3cr3t/Value+x");
        assertThat(endpoint.toString()).doesNotContain("s3cr3t").doesNotContain("tok3nValue").doesNotContain("AKIAEXAMPLE123")
                .doesNotContain("3xt3rnalId");
        assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).as("what Camel prints wherever it logs the URI")
                .doesNotContain("s3cr3t").doesNotContain("tok3nValue").doesNotContain("AKIAEXAMPLE123")
                .doesNotContain("3xt3rnalId").contains("externalId=xxxxxx");
        assertThat(endpoint.getConfiguration().toString()).doesNotContain("s3cr3t").doesNotContain("tok3nValue")
                .doesNotContain("AKIAEXAMPLE123").doesNotContain("3xt3rnalId");
    }

    @Test
    void theCatalogEntryListsEveryOptionAndHeaderWithDescriptionsAndFlagsSecrets() throws Exception {
        JsonObject catalog = catalog();

        assertThat(object(catalog, "component").getString("scheme")).isEqualTo("trays3");
        for (String option : new String[] {"bucket", "key", "region", "endpointOverride", "forcePathStyle", "s3Client",
            "requestChecksumCalculation", "responseChecksumValidation", "chunkedEncodingEnabled", "expiresSeconds",
            "httpMethod", "rangeFrom", "rangeTo", "allPages", "acl", "profileName", "roleArn", "idempotentRepository",
            "inProgressRepository", "deleteAfterRead", "moveAfterRead", "destinationPrefix", "maxMessagesPerPoll", "minAge",
            "include", "exclude", "notifications", "reconcileDelay"}) {
            assertThat(description(catalog, "properties", option)).as(option).isNotBlank();
            assertThat(description(catalog, "componentProperties", option)).as(option).isNotBlank();
        }
        // the scheduled poll consumer's options, as every Camel polling consumer has them (the endpoint's, not the component's)
        for (String option : new String[] {"delay", "initialDelay", "backoffMultiplier", "backoffIdleThreshold", "scheduler",
            "greedy", "pollStrategy", "sendEmptyMessageWhenIdle", "bridgeErrorHandler"}) {
            assertThat(description(catalog, "properties", option)).as(option).isNotBlank();
        }
        assertThat(object(catalog, "component").get("consumerOnly")).isEqualTo(false);
        assertThat(object(catalog, "component").get("producerOnly")).isEqualTo(false);
        assertThat(description(catalog, "headers", Trays3Constants.BUCKET)).isNotBlank();
        assertThat(object(object(catalog, "headers"), Trays3Constants.METADATA).getString("javaType")).contains("Map");
    }

    @Test
    void everyCatalogDescriptionIsWrittenOutWithNothingLost() throws Exception {
        JsonObject catalog = catalog();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (String section : new String[] {"componentProperties", "properties", "headers"}) {
            JsonObject entries = object(catalog, section);
            assertThat(entries).as(section).isNotEmpty();
            entries.keySet().forEach(name -> descriptions.put(section + "/" + name, description(catalog, section, name)));
        }

        assertThat(descriptions).allSatisfy((name, text) -> assertThat(text).as(name).isNotBlank()
                .doesNotContain("  ").doesNotContain(" ( ").doesNotContainPattern("\\(\\s*\\)"));
    }

    @Test
    void theCatalogShowsEachDescriptionAsTheSourceWritesIt() throws Exception {
        // the generator treats descriptions as javadoc and drops characters such as + and * it does not expect there
        JsonObject catalog = catalog();
        Map<String, String> written = new LinkedHashMap<>();
        for (Field field : Trays3Configuration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param != null) {
                written.put("properties/" + field.getName(), param.description());
                written.put("componentProperties/" + field.getName(), param.description());
            }
        }
        for (Field field : Trays3Constants.class.getDeclaredFields()) {
            Metadata header = field.getAnnotation(Metadata.class);
            if (header != null) {
                written.put("headers/" + field.get(null), header.description());
            }
        }
        written.put("properties/operation", operationField().getAnnotation(UriPath.class).description());
        written.put("componentProperties/configuration",
                    Trays3Component.class.getDeclaredField("configuration").getAnnotation(Metadata.class).description());

        assertThat(written).hasSizeGreaterThan(50).allSatisfy((name, text) -> {
            String[] place = name.split("/");
            assertThat(description(catalog, place[0], place[1])).as(name).isEqualTo(text);
        });
    }

    @Test
    void theCatalogListsTheOperationsOfTheEnumInOrderWithoutRepeatingThemInTheDescription() throws Exception {
        JsonObject operation = object(object(catalog(), "properties"), "operation");

        assertThat((List<?>) operation.get("enum")).as("the enum's constants, in order")
                .isEqualTo(Arrays.stream(Trays3Operation.values()).map(Enum::name).toList());
        assertThat(operation.getString("description")).doesNotContain(Trays3Operation.putObjectText.name());
    }

    @Test
    void exactlyTheCredentialOptionsAreSecret() throws Exception {
        JsonObject catalog = catalog();

        for (String section : new String[] {"componentProperties", "properties"}) {
            JsonObject options = object(catalog, section);
            List<String> secrets = options.keySet().stream()
                    .filter(name -> Boolean.TRUE.equals(object(options, name).get("secret"))).toList();

            assertThat(secrets).as(section).containsExactlyInAnyOrder("accessKey", "secretKey", "sessionToken", "externalId");
        }
    }

    @Test
    void theComponentDescriptionSaysWhatTrays3IsForAUser() throws Exception {
        String description = object(catalog(), "component").getString("description");

        assertThat(description).contains("S3").doesNotContain("closes");
    }

    private static JsonObject catalog() throws Exception {
        try (InputStream in = Trays3ComponentTest.class.getResourceAsStream("/META-INF/io/trays3/trays3.json")) {
            assertThat(in).as("generated catalog entry on the classpath").isNotNull();
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String description(JsonObject catalog, String section, String name) {
        JsonObject entry = object(object(catalog, section), name);
        assertThat(entry).as(section + "/" + name + " in the catalog").isNotNull();
        return entry.getString("description");
    }

    /** A JSON object inside another, or null. */
    private static JsonObject object(JsonObject parent, String name) {
        return (JsonObject) parent.get(name);
    }

    private static Field operationField() throws NoSuchFieldException {
        return Trays3Endpoint.class.getDeclaredField("operation");
    }
}
