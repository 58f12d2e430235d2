package io.trays3.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.trays3.Trays3Exception;
import io.trays3.support.Eventually;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Event mode: S3 event notifications (the samples in src/test/resources/events, filled in with objects put on the test
 * server) come in on a direct: or seda: endpoint, standing in for an SQS queue or a Kafka topic, and the objects they
 * report created are delivered as the listing would deliver them, duplicates dropped by the same repository.
 */
class NewObjectsEventsTest extends S3TestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Deliveries deliveries = new Deliveries();

    private void consume(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=" + bucket + options).routeId("events").process(deliveries);
            }
        });
    }

    /** A sample notification about an object of the test bucket, as the service would send it. */
    private String event(String sample, String key) throws IOException {
        return event(sample, bucket, key);
    }

    private String event(String sample, String inBucket, String key) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/" + sample)) {
            assertThat(in).as(sample).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean exists = inBucket.equals(bucket) && s3.listObjectsV2(l -> l.bucket(bucket).prefix(key)).keyCount() > 0;
            var head = exists ? s3.headObject(h -> h.bucket(bucket).key(key)) : null;
            // S3 and MinIO URL-encode the key in Records; EventBridge writes it as it is
            String written = sample.startsWith("eventbridge") ? key : URLEncoder.encode(key, StandardCharsets.UTF_8);
            String etag = head == null ? "0123456789abcdef0123456789abcdef" : head.eTag().replace("\"", "");
            return text.replace("${bucket}", inBucket).replace("${rawkey}", key).replace("${key}", written)
                    .replace("${etag}", etag).replace("${size}", head == null ? "1" : String.valueOf(head.contentLength()));
        }
    }

    private void send(String notification) {
        template.sendBody("direct:s3-events", notification);
    }

    @Test
    void aPutEventDeliversTheObjectAsTheListingWouldAndDuplicatesAreDropped() throws Exception {
        String key = "in/red flower+1.csv";
        putObject(key, "sku,qty\nA,1\n");
        consume("&notifications=direct:s3-events");

        String notification = event("aws-put.json", key);
        assertThat(notification).contains("in%2Fred+flower%2B1.csv");
        send(notification);
        send(notification);

        assertThat(deliveries.all()).singleElement().satisfies(d -> {
            assertThat(d.bucket()).isEqualTo(bucket);
            assertThat(d.key()).isEqualTo(key);
            assertThat(d.eTag()).isEqualTo(s3.headObject(h -> h.bucket(bucket).key(key)).eTag()).startsWith("\"");
            assertThat(d.contentLength()).isEqualTo(12L);
            assertThat(d.lastModified()).isEqualTo("2026-11-28T10:15:30.123Z");
            assertThat(d.body()).containsOnlyKeys("Key", "LastModified", "ETag", "Size", "StorageClass")
                    .containsEntry("Key", key).containsEntry("ETag", d.eTag()).containsEntry("Size", 12L)
                    .containsEntry("StorageClass", null);
        });
    }

    @Test
    void copyAndMultipartUploadEventsDeliverTheirObjectsAndDeleteEventsAreIgnored() throws Exception {
        putObject("copies/a.txt", "copied");
        putObject("big/b.bin", "assembled from parts");
        consume("&notifications=direct:s3-events");

        send(event("aws-copy-and-delete.json", "copies/a.txt"));
        send(event("aws-multipart.json", "big/b.bin"));
        send(event("eventbridge-deleted.json", "copies/a.txt"));

        assertThat(deliveries.keys()).containsExactly("copies/a.txt", "big/b.bin");
    }

    @Test
    void snsAndEventBridgeEnvelopesAndMinioRecordsAreReadAndTheTestEventIsNot() throws Exception {
        for (String key : new String[] {"sns/1.txt", "bridge/2 two.txt", "minio/3.csv"}) {
            putObject(key, "content of " + key);
        }
        consume("&notifications=direct:s3-events");

        send(event("sns-envelope.json", "sns/1.txt"));
        send(event("eventbridge.json", "bridge/2 two.txt"));
        send(event("minio-kafka.json", "minio/3.csv"));
        send(event("test-event.json", "-"));

        assertThat(deliveries.keys()).containsExactly("sns/1.txt", "bridge/2 two.txt", "minio/3.csv");
        assertThat(deliveries.all()).allSatisfy(d -> assertThat(d.contentLength())
                .isEqualTo(("content of " + d.key()).length()));
    }

    @Test
    void eventsOfOtherBucketsOrOutsideThePrefixOrTheIncludePatternAreIgnored() throws Exception {
        putObject("in/yes.csv", "1");
        putObject("in/no.txt", "2");
        putObject("out/no.csv", "3");
        consume("&prefix=in/&include=.*\\.csv&notifications=direct:s3-events");

        send(event("aws-put.json", "other-bucket-name", "in/yes.csv"));
        send(event("aws-put.json", "in/no.txt"));
        send(event("aws-put.json", "out/no.csv"));
        send(event("aws-put.json", "in/yes.csv"));

        assertThat(deliveries.keys()).containsExactly("in/yes.csv");
    }

    @Test
    void aNotificationFailsWhenOneOfItsObjectsFailedAndItsRedeliveryRunsOnlyThatOne() throws Exception {
        putObject("copies/a.txt", "a");
        deliveries.failOn(key -> key.equals("copies/a.txt") && deliveries.count("copies/a.txt") == 1);
        consume("&notifications=direct:s3-events");
        String notification = event("aws-copy-and-delete.json", "copies/a.txt");

        Throwable failed = catchThrowable(() -> send(notification));
        send(notification);
        send(notification);

        assertThat(failed).isInstanceOf(CamelExecutionException.class);
        assertThat(failed.getCause()).isInstanceOf(Trays3Exception.class)
                .hasMessage("trays3 newObjects on bucket '" + bucket + "': 1 of the 1 objects of a notification from"
                            + " direct:s3-events failed. The notification fails too, so that its source can deliver it"
                            + " again");
        assertThat(deliveries.count("copies/a.txt")).as("failed, then delivered by the redelivery, then dropped")
                .isEqualTo(2);
    }

    @Test
    void aMessageThatIsNoS3EventFailsWithAMessageThatSaysSo() throws Exception {
        consume("&notifications=direct:s3-events");

        Throwable notJson = catchThrowable(() -> send("hello"));
        Throwable otherJson = catchThrowable(() -> send("{\"orderId\": 42}"));

        assertThat(notJson.getCause()).isInstanceOf(Trays3Exception.class)
                .hasMessageStartingWith("trays3 newObjects on bucket '" + bucket + "': a message from direct:s3-events is"
                                        + " not an S3 event notification: the notification is not JSON");
        assertThat(otherJson.getCause()).hasMessageContaining("has no Records (S3), no Message (SNS) and no detail from"
                                                              + " aws.s3 (EventBridge)")
                .hasMessageContaining("Send the bucket's event notifications there");
        assertThat(deliveries.size()).isZero();
    }

    @Test
    void aQueueFeedsTheConsumerAndTheReconciliationListingDeliversWhatNoNotificationReported() throws Exception {
        putObject("queued.txt", "announced");
        putObject("silent.txt", "never announced");
        consume("&notifications=seda:s3-events&reconcileDelay=300&initialDelay=300");

        template.sendBody("seda:s3-events", event("aws-put.json", "queued.txt"));
        Eventually.until(WAIT, "both objects", () -> deliveries.size() >= 2);
        // the event of an object the listing delivered is a duplicate (sent here until the consumer took it in)
        template.sendBody("seda:s3-events?waitForTaskToComplete=Always", event("aws-put.json", "silent.txt"));
        putObject("later.txt", "reconciled");
        Eventually.until(WAIT, "the next reconciliation", () -> deliveries.size() >= 3);

        assertThat(deliveries.keys()).containsExactlyInAnyOrder("queued.txt", "silent.txt", "later.txt");
        assertThat(deliveries.count("silent.txt")).isEqualTo(1);
    }
}
