package io.trays3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.trays3.operation.Trays3Operation;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.URISupport;
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
    void isProducerOnlyWithAHelpfulMessage() {
        context.start();
        Trays3Endpoint endpoint = context.getEndpoint("trays3:listBuckets", Trays3Endpoint.class);

        assertThatThrownBy(() -> endpoint.createConsumer(exchange -> { }))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("aws2-s3");
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
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/trays3/trays3.json")) {
            assertThat(in).as("generated catalog entry on the classpath").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var catalog = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);

        assertThat(catalog.at("/component/scheme").asText()).isEqualTo("trays3");
        for (String option : new String[] {"bucket", "key", "region", "endpointOverride", "forcePathStyle", "s3Client",
            "requestChecksumCalculation", "responseChecksumValidation", "chunkedEncodingEnabled", "expiresSeconds",
            "httpMethod", "rangeFrom", "rangeTo", "allPages", "acl", "profileName", "roleArn"}) {
            assertThat(catalog.at("/properties/" + option + "/description").asText()).as(option).isNotBlank();
            assertThat(catalog.at("/componentProperties/" + option + "/description").asText()).as(option).isNotBlank();
        }
        for (String secret : new String[] {"accessKey", "secretKey", "sessionToken"}) {
            assertThat(catalog.at("/properties/" + secret + "/secret").asBoolean()).as(secret).isTrue();
        }
        assertThat(catalog.at("/properties/operation/enum").size()).isEqualTo(12);
        assertThat(catalog.at("/headers/CamelTrays3Bucket/description").asText()).isNotBlank();
        assertThat(catalog.at("/headers/CamelTrays3Metadata/javaType").asText()).contains("Map");
    }
}
