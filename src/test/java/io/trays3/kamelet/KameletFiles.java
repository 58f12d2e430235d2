package io.trays3.kamelet;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import io.trays3.app.EmbeddedS3Server;
import io.trays3.support.S3Target;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** What the kamelet tests share: a kamelet file of the jar read as YAML, and the S3 server each runs against. */
final class KameletFiles {

    private KameletFiles() {
    }

    /** The kamelet at that classpath location (in the component jar), as maps and lists. */
    static Map<String, Object> load(String resource) throws Exception {
        try (InputStream in = KameletFiles.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath (in the component jar)").isNotNull();
            return map(new Load(LoadSettings.builder().build()).loadFromInputStream(in));
        }
    }

    /** The value as a map, failing the test when it is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** The embedded server as a test target, with the keys it accepts. */
    static S3Target target(EmbeddedS3Server server, String accessKey, String secretKey) {
        return new S3Target() {
            @Override
            public String name() {
                return "S3Proxy for the kamelets";
            }

            @Override
            public URI endpoint() {
                return server.endpoint();
            }

            @Override
            public String accessKey() {
                return accessKey;
            }

            @Override
            public String secretKey() {
                return secretKey;
            }
        };
    }
}
