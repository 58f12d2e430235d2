package io.trays3.operation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trays3.support.Eventually;
import io.trays3.support.S3TestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperation with Camel's own camel-aws2-s3: its consumer's CamelAwsS3BucketName and CamelAwsS3Key headers are all
 * trays3:headObject needs, with no header mapping (the example application consumes with trays3:newObjects instead).
 */
class Aws2S3ConsumerInteropTest extends S3TestSupport {

    @Test
    void anAws2S3ConsumerFeedsHeadObjectWithoutHeaderMapping() throws Exception {
        s3.putObject(p -> p.bucket(bucket).key("in/from-aws2.csv").contentType("text/csv"),
                     RequestBody.fromString("a,b\n1,2\n"));
        List<Map<String, Object>> heads = new CopyOnWriteArrayList<>();
        String aws2 = "aws2-s3:" + bucket + "?overrideEndpoint=true&uriEndpointOverride=" + target.endpoint()
                      + "&forcePathStyle=true&region=us-east-1&accessKey=" + target.accessKey() + "&secretKey=RAW("
                      + target.secretKey() + ")&deleteAfterRead=false&includeBody=false&initialDelay=0&delay=100";
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(aws2).to("trays3:headObject").process(e -> heads.add(map(e.getMessage().getBody())));
            }
        });

        Eventually.until(Duration.ofSeconds(30), "the aws2-s3 consumer's first exchange", () -> !heads.isEmpty());

        assertThat(heads.get(0)).containsEntry("ContentLength", 8L).containsEntry("ContentType", "text/csv")
                .containsEntry("ETag", s3.headObject(h -> h.bucket(bucket).key("in/from-aws2.csv")).eTag());
    }
}
