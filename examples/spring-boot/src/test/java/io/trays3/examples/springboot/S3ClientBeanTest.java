package io.trays3.examples.springboot;

import java.util.Map;

import io.trays3.Trays3Component;
import io.trays3.Trays3Constants;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as it ships: trays3 takes its bucket and content type from application.yaml and sends through the
 * application's S3Client bean, which it autowires.
 */
@SpringBootTest
class S3ClientBeanTest {

    @Autowired
    private CamelContext camel;
    @Autowired
    private ProducerTemplate template;
    @Autowired
    private S3Client s3Client;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        TestS3Server.register(registry);
    }

    @Test
    void trays3AutowiresTheS3ClientBeanAndTakesItsOptionsFromApplicationYaml() {
        Trays3Component trays3 = camel.getComponent("trays3", Trays3Component.class);

        assertThat(trays3.getConfiguration().getS3Client()).as("the autowired client").isSameAs(s3Client);
        assertThat(trays3.getConfiguration().getBucket()).as("camel.component.trays3.bucket").isEqualTo(TestS3Server.BUCKET);
        assertThat(trays3.getConfiguration().getContentType()).as("camel.component.trays3.content-type")
                .isEqualTo("text/markdown; charset=utf-8");
        assertThat(trays3.getConfiguration().getEndpointOverride()).as("no connection options: the bean connects").isNull();
    }

    @Test
    void anObjectPutThroughTheRoutesIsThereAndReadsBack() {
        Map<?, ?> put = template.requestBodyAndHeader("direct:archive", "# Notes\nput from Spring Boot", Trays3Constants.KEY,
                                                      "notes/bean.md", Map.class);
        String back = template.requestBodyAndHeader("direct:fetch", null, Trays3Constants.KEY, "notes/bean.md", String.class);

        assertThat(put.get("Bucket")).isEqualTo(TestS3Server.BUCKET);
        assertThat(back).isEqualTo("# Notes\nput from Spring Boot");
        assertThat(s3Client.headObject(h -> h.bucket(TestS3Server.BUCKET).key("notes/bean.md")).contentType())
                .isEqualTo("text/markdown; charset=utf-8");
    }
}
