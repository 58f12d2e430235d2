package io.trays3.examples.plain;

import java.util.Map;

import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * trays3 in a plain Java program: a DefaultCamelContext finds the component by its scheme (no Camel Main, no Spring),
 * puts a text object and reads it back. The connection comes from the environment: S3_ENDPOINT (empty: AWS),
 * S3_ACCESS_KEY and S3_SECRET_KEY (empty: the default AWS credentials chain), S3_BUCKET (must exist), S3_REGION
 * (default auto).
 */
public final class PlainJavaExample {

    private static final Logger LOG = LoggerFactory.getLogger(PlainJavaExample.class);

    private PlainJavaExample() {
    }

    /** Where to connect; each value from the environment variable of the same name, or the system property. */
    public record Settings(String endpoint, String accessKey, String secretKey, String bucket, String region) {

        /** The settings of this process: environment variables, else system properties. */
        public static Settings fromEnvironment() {
            return new Settings(setting("S3_ENDPOINT", ""), setting("S3_ACCESS_KEY", ""), setting("S3_SECRET_KEY", ""),
                                setting("S3_BUCKET", "trays3-example"), setting("S3_REGION", "auto"));
        }

        private static String setting(String name, String fallback) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                value = System.getProperty(name);
            }
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    public static void main(String[] args) throws Exception {
        String key = args.length > 0 ? args[0] : "examples/plain-java.txt";
        String text = roundTrip(Settings.fromEnvironment(), key, "Hello from a plain Java main, through trays3.");
        LOG.info("Read back s3://{}/{}: {}", Settings.fromEnvironment().bucket(), key, text);
    }

    /**
     * Puts {@code text} under {@code key} with trays3:putObjectText and reads it back with trays3:getObject.
     *
     * @return the text read back
     */
    public static String roundTrip(Settings settings, String key, String text) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // found through META-INF/services/org/apache/camel/component/trays3 in the component jar
            Trays3Configuration trays3 = context.getComponent("trays3", Trays3Component.class).getConfiguration();
            trays3.setRegion(settings.region());
            trays3.setBucket(settings.bucket());
            if (!settings.endpoint().isEmpty()) {
                trays3.setEndpointOverride(settings.endpoint());
                trays3.setForcePathStyle(true);
            }
            if (!settings.accessKey().isEmpty()) {
                trays3.setAccessKey(settings.accessKey());
                trays3.setSecretKey(settings.secretKey());
            }
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:put").to("trays3:putObjectText");
                    // the content is read inside the route: it is closed when the exchange completes
                    from("direct:get").to("trays3:getObject").convertBodyTo(String.class);
                }
            });
            context.start();

            ProducerTemplate template = context.createProducerTemplate();
            Map<?, ?> put = template.requestBodyAndHeaders("direct:put", text, Map.of(Trays3Constants.KEY, key), Map.class);
            LOG.info("Put s3://{}/{} (ETag {})", put.get("Bucket"), put.get("Key"), put.get("ETag"));
            return template.requestBodyAndHeader("direct:get", null, Trays3Constants.KEY, key, String.class);
        }
    }
}
