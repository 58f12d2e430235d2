package io.trays3.console;

import java.util.List;
import java.util.Map;

import io.trays3.support.S3TestSupport;
import org.apache.camel.console.DevConsole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev console in text and JSON, after a few calls against the S3 server. */
class Trays3DevConsoleTest extends S3TestSupport {

    @Test
    void showsTheConnectionTheRequestsOfEachOperationAndTheCostWithoutSecrets() {
        call("trays3:putObjectText?bucket=" + bucket + "&key=a.txt", "hello", Map.of());
        call("trays3:headObject?bucket=" + bucket + "&key=a.txt");
        Trays3DevConsole console = new Trays3DevConsole();
        console.setCamelContext(context);

        String text = (String) console.call(DevConsole.MediaType.TEXT);

        assertThat(text).contains("Component trays3: 1 connection(s)", target.endpoint().toString(), "static keys",
                                  "buckets named: " + bucket, "putObjectText", "headObject", "{PutObject=1}",
                                  "put-copy-post-list", "Transfers in flight: none")
                .doesNotContain(target.secretKey()).doesNotContain(target.accessKey());

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> component = ((List<Map<String, Object>>) json.get("components")).get(0);
        assertThat(component.get("component")).isEqualTo("trays3");
        assertThat(component).containsKeys("connections", "bucketRegions", "operations", "costs", "transfers");
        assertThat(((Map<?, ?>) component.get("operations")).keySet()).map(Object::toString)
                .contains("putObjectText", "headObject");
        assertThat(json.toString()).doesNotContain(target.secretKey());
    }
}
