package io.trays3.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.trays3.support.Eventually;
import io.trays3.support.S3Target;
import io.trays3.support.S3TestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** The newObjects consumer polling a real S3 server (S3Proxy over HTTP), with the default in-memory repository. */
class NewObjectsConsumerTest extends S3TestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Deliveries deliveries = new Deliveries();
    private final PollCounter polls = new PollCounter();
    private final List<String> otherBuckets = new ArrayList<>();

    @AfterEach
    void deleteOtherBuckets() {
        otherBuckets.forEach(b -> S3Target.deleteBucket(s3, b));
    }

    /** Starts a route from the consumer with these options (the bucket, a fast schedule and the poll counter added). */
    private void consume(String options) throws Exception {
        context.getRegistry().bind("polls", polls);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=" + bucket + "&initialDelay=0&delay=100&pollStrategy=#polls" + options)
                        .routeId("consumer").process(deliveries);
            }
        });
    }

    private void awaitDeliveries(int count) {
        Eventually.until(WAIT, count + " deliveries (have " + deliveries.keys() + ")", () -> deliveries.size() >= count);
    }

    private String eTag(String key) {
        return s3.headObject(h -> h.bucket(bucket).key(key)).eTag();
    }

    private List<String> keys(String inBucket) {
        return s3.listObjectsV2(l -> l.bucket(inBucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void thirtyObjectsUnderThePrefixAreEachDeliveredOnceWithTheHeadersTheOperationsRead() throws Exception {
        List<String> expected = IntStream.range(0, 30).mapToObj(i -> "in/object-" + i + ".txt").toList();
        expected.forEach(key -> putObject(key, "content of " + key));
        putObject("elsewhere/not-mine.txt", "outside the prefix");

        consume("&prefix=in/");
        awaitDeliveries(30);
        // three more full listings after the thirtieth delivery: nothing comes twice
        polls.awaitMore(3);

        assertThat(deliveries.keys()).containsExactlyInAnyOrderElementsOf(expected);
        for (Deliveries.Delivery delivery : deliveries.all()) {
            String key = delivery.key();
            assertThat(delivery.bucket()).isEqualTo(bucket);
            assertThat(delivery.eTag()).as("ETag of %s", key).isEqualTo(eTag(key));
            assertThat(delivery.contentLength()).as("length of %s", key).isEqualTo(("content of " + key).length());
            assertThat(Instant.parse(delivery.lastModified())).isBefore(Instant.now().plusSeconds(60));
            assertThat(delivery.body()).as("the listing entry of %s", key)
                    .containsOnlyKeys("Key", "LastModified", "ETag", "Size", "StorageClass")
                    .containsEntry("Key", key).containsEntry("ETag", delivery.eTag())
                    .containsEntry("Size", delivery.contentLength()).containsEntry("LastModified", delivery.lastModified());
        }
    }

    @Test
    void anOverwrittenObjectIsDeliveredAgainWithItsNewETagAndOnlyOnce() throws Exception {
        putObject("report.csv", "a,b\n1,2\n");
        putObject("other.csv", "x\n");
        consume("");
        awaitDeliveries(2);
        String first = eTag("report.csv");

        putObject("report.csv", "a,b\n1,2\n3,4\n");
        awaitDeliveries(3);
        polls.awaitMore(3);

        assertThat(deliveries.count("report.csv")).isEqualTo(2);
        assertThat(deliveries.count("other.csv")).isEqualTo(1);
        Deliveries.Delivery again = deliveries.all().get(2);
        assertThat(again.key()).isEqualTo("report.csv");
        assertThat(again.eTag()).isNotEqualTo(first).isEqualTo(eTag("report.csv"));
        assertThat(again.contentLength()).isEqualTo(12L);
    }

    @Test
    void aFailedExchangeIsTriedAgainAtTheNextPollAndThenNoMore() throws Exception {
        putObject("flaky.txt", "x");
        putObject("fine.txt", "y");
        deliveries.failOn(key -> key.equals("flaky.txt") && deliveries.count("flaky.txt") < 3);

        consume("");
        Eventually.until(WAIT, "flaky.txt tried three times", () -> deliveries.count("flaky.txt") >= 3);
        polls.awaitMore(3);

        assertThat(deliveries.count("flaky.txt")).as("two failures, then the success").isEqualTo(3);
        assertThat(deliveries.count("fine.txt")).isEqualTo(1);
        assertThat(keys(bucket)).as("nothing deleted").containsExactlyInAnyOrder("flaky.txt", "fine.txt");
    }

    @Test
    void minAgeLeavesObjectsYoungerThanItForALaterPoll() throws Exception {
        putObject("young.txt", "just written");
        Instant written = s3.headObject(h -> h.bucket(bucket).key("young.txt")).lastModified();

        consume("&minAge=3s");
        polls.awaitMore(3);
        boolean earlyPollsSawIt = deliveries.size() > 0;
        awaitDeliveries(1);
        Instant delivered = Instant.now();

        assertThat(earlyPollsSawIt).as("delivered before it was 3 s old").isFalse();
        // S3's LastModified has whole seconds: the object is delivered at least 2 s after it was written
        assertThat(Duration.between(written, delivered)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(deliveries.keys()).containsExactly("young.txt");
    }

    @Test
    void includeAndExcludeChooseKeysByRegularExpression() throws Exception {
        for (String key : List.of("in/a.csv", "in/b.csv", "in/c.txt", "in/tmp/d.csv", "in/sub/")) {
            putObject(key, key.endsWith("/") ? "" : "data");
        }

        consume("&include=.*\\.csv&exclude=in/tmp/.*");
        awaitDeliveries(2);
        polls.awaitMore(3);

        assertThat(deliveries.keys()).containsExactlyInAnyOrder("in/a.csv", "in/b.csv");
    }

    @Test
    void maxMessagesPerPollSpreadsTheObjectsOverPolls() throws Exception {
        IntStream.range(0, 7).forEach(i -> putObject("batch/" + i, "n" + i));
        List<Integer> perPoll = new ArrayList<>();
        context.getRegistry().bind("polls", polls);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=" + bucket + "&initialDelay=0&delay=100&pollStrategy=#polls"
                     + "&maxMessagesPerPoll=3&sendEmptyMessageWhenIdle=false")
                        .routeId("consumer").process(deliveries)
                        .process(e -> {
                            synchronized (perPoll) {
                                perPoll.add(polls.polls());
                            }
                        });
            }
        });

        awaitDeliveries(7);
        polls.awaitMore(2);

        assertThat(deliveries.size()).isEqualTo(7);
        // exchanges are counted by the poll they ran in: at most three share one
        synchronized (perPoll) {
            assertThat(perPoll.stream().distinct().map(p -> perPoll.stream().filter(p::equals).count()))
                    .allMatch(n -> n <= 3).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void deleteAfterReadDeletesEachObjectOnlyOnceItsExchangeSucceeded() throws Exception {
        putObject("done.txt", "1");
        putObject("fails.txt", "2");
        deliveries.failOn("fails.txt"::equals);

        consume("&deleteAfterRead=true");
        Eventually.until(WAIT, "done.txt deleted", () -> !keys(bucket).contains("done.txt"));
        Eventually.until(WAIT, "fails.txt tried twice", () -> deliveries.count("fails.txt") >= 2);

        assertThat(keys(bucket)).as("the object whose exchange failed stays").containsExactly("fails.txt");
        assertThat(deliveries.count("done.txt")).isEqualTo(1);
    }

    @Test
    void moveAfterReadCopiesToTheDestinationUnderItsPrefixThenDeletes() throws Exception {
        String archive = S3Target.createBucket(s3, false);
        otherBuckets.add(archive);
        s3.putObject(p -> p.bucket(bucket).key("in/order 1.csv").contentType("text/csv").metadata(Map.of("source", "shop")),
                     RequestBody.fromString("sku,qty\n"));
        putObject("in/fails.csv", "x");
        deliveries.failOn("in/fails.csv"::equals);

        consume("&prefix=in/&moveAfterRead=true&destinationBucket=" + archive + "&destinationPrefix=processed/");
        Eventually.until(WAIT, "the move", () -> keys(archive).contains("processed/in/order 1.csv"));
        Eventually.until(WAIT, "the source deleted", () -> !keys(bucket).contains("in/order 1.csv"));
        Eventually.until(WAIT, "in/fails.csv tried twice", () -> deliveries.count("in/fails.csv") >= 2);

        var moved = s3.headObject(h -> h.bucket(archive).key("processed/in/order 1.csv"));
        assertThat(moved.contentType()).isEqualTo("text/csv");
        assertThat(moved.metadata()).containsEntry("source", "shop");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(archive).key("processed/in/order 1.csv")).asUtf8String())
                .isEqualTo("sku,qty\n");
        assertThat(keys(archive)).as("only what succeeded is moved").containsExactly("processed/in/order 1.csv");
        assertThat(keys(bucket)).containsExactly("in/fails.csv");
    }

    @Test
    void moveAfterReadWithinTheBucketGoesToAPrefixOutsideTheConsumedOne() throws Exception {
        putObject("incoming/a.txt", "a");

        consume("&prefix=incoming/&moveAfterRead=true&destinationPrefix=done/");
        Eventually.until(WAIT, "the move", () -> keys(bucket).equals(List.of("done/incoming/a.txt")));
        polls.awaitMore(2);

        assertThat(deliveries.keys()).containsExactly("incoming/a.txt");
    }

    @Test
    void theOperationsFollowWithNoOptions() throws Exception {
        String copies = S3Target.createBucket(s3, false);
        otherBuckets.add(copies);
        putObject("docs/readme.txt", "hello from the consumer");
        List<Object> seen = new ArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=" + bucket + "&initialDelay=0&delay=100")
                        .to("trays3:headObject").process(e -> seen.add(e.getMessage().getBody(Map.class).get("ContentLength")))
                        .to("trays3:getObject").convertBodyTo(String.class).process(e -> seen.add(e.getMessage().getBody()))
                        .to("trays3:copyObject?destinationBucket=" + copies)
                        .to("trays3:deleteObject").process(e -> seen.add(e.getMessage().getBody(Map.class).get("success")));
            }
        });

        Eventually.until(WAIT, "the route ran", () -> seen.size() >= 3);

        assertThat(seen).containsExactly(23L, "hello from the consumer", true);
        assertThat(keys(copies)).containsExactly("docs/readme.txt");
        assertThat(keys(bucket)).isEmpty();
    }
}
