package io.trays3.operation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.trays3.Trays3Exception;
import io.trays3.Trays3InvalidInputException;
import io.trays3.model.StreamedListing;
import io.trays3.support.S3TestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/** listBucketObjects?streamed=true through the Split EIP, and deleteMultipleObjects of streamed and iterated bodies. */
class StreamedListingTest extends S3TestSupport {

    private final List<Integer> pagesAtEntry = new ArrayList<>();
    private final AtomicInteger entries = new AtomicInteger();

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:count")
                        .toD("trays3:listBucketObjects?bucket=${header.target}&streamed=true")
                        .setProperty("listing", body())
                        .split(body()).streaming()
                            .process(e -> {
                                pagesAtEntry.add(e.getProperty("listing", StreamedListing.class).pagesFetched());
                                entries.incrementAndGet();
                            })
                        .end()
                        .setBody(exchangeProperty("listing"));
                from("direct:abandon")
                        .toD("trays3:listBucketObjects?bucket=${header.target}&streamed=true")
                        .setProperty("listing", body())
                        .split(body()).streaming().stopOnException()
                            .process(e -> {
                                if (entries.incrementAndGet() == 1500) {
                                    throw new IllegalStateException("enough");
                                }
                            })
                        .end();
                from("direct:cleanup")
                        .toD("trays3:listBucketObjects?bucket=${header.target}&prefix=tmp/&streamed=true")
                        .to("trays3:deleteMultipleObjects");
                from("direct:guarded")
                        .toD("trays3:listBucketObjects?bucket=${header.target}&streamed=true")
                        .setProperty("listing", body())
                        .to("trays3:deleteMultipleObjects?maxDeletes=2000");
            }
        };
    }

    @Test
    void aSplitCountsEveryKeyWhilePagesAreReadOneAtATime() throws Exception {
        putKeys("k/", 3000);

        StreamedListing listing = (StreamedListing) template.requestBodyAndHeader("direct:count", null, "target", bucket);

        assertThat(entries).hasValue(3000);
        for (int i = 0; i < pagesAtEntry.size(); i++) {
            // the Split EIP asks for the next entry before it processes the last one of a page: one page ahead, never more
            assertThat(pagesAtEntry.get(i)).as("pages read when entry %d was handed out", i)
                    .isBetween(i / 1000 + 1, (i + 1) / 1000 + 1);
        }
        assertThat(listing.pagesFetched()).as("S3's pages of 1000 keys").isEqualTo(3);
        assertThat(listing.isClosed()).isTrue();
    }

    @Test
    void aSplitThatStopsEarlyStopsTheListing() throws Exception {
        putKeys("k/", 2500);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> template.requestBodyAndHeader("direct:abandon", null, "target", bucket));

        assertThat(thrown).hasRootCauseMessage("enough");
        assertThat(entries).hasValue(1500);
    }

    @Test
    void aStreamedListingIsReadOnceAndNotAfterItsExchangeCompleted() throws Exception {
        putKeys("k/", 1001);

        StreamedListing listing = (StreamedListing) call("trays3:listBucketObjects?bucket=" + bucket + "&streamed=true");

        assertThat(listing.isClosed()).as("the ProducerTemplate completed the exchange").isTrue();
        assertThat(listing.bucket()).isEqualTo(bucket);
        Iterator<Map<String, Object>> iterator = listing.iterator();
        for (int i = 0; i < 1000; i++) {
            assertThat(iterator.next()).containsKeys("Key", "LastModified", "ETag", "Size", "StorageClass");
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(iterator::hasNext))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("split(body()).streaming()");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(listing::iterator))
                .hasMessageContaining("already iterated");
        assertThat(listing.pagesFetched()).isEqualTo(1);
    }

    @Test
    void listingThenDeletingAStreamedBodyNeedsNoOptions() throws Exception {
        putKeys("tmp/", 2500);
        putObject("keep/me.txt", "k");

        Map<String, Object> result = map(template.requestBodyAndHeader("direct:cleanup", null, "target", bucket));

        assertThat(list(result.get("Deleted"))).hasSize(2500).first().isEqualTo(keyEntry("tmp/00000"));
        assertThat(list(result.get("Errors"))).isEmpty();
        assertThat(remainingKeys()).containsExactly("keep/me.txt");
    }

    @Test
    void maxDeletesRefusesAStreamedBodyOfMoreKeysAfterReadingOneMoreThanAllowed() throws Exception {
        putKeys("k/", 2500);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> template.requestBodyAndHeader("direct:guarded", null, "target", bucket));

        assertThat(thrown.getCause()).isInstanceOf(Trays3InvalidInputException.class)
                .hasMessageContaining("maxDeletes").hasMessageContaining("more than 2000 keys")
                .hasMessageContaining("nothing was deleted");
        assertThat(remainingKeys()).hasSize(2500);
    }

    @Test
    void maxDeletesAndDryRunOnAList() {
        putObject("a", "1");
        putObject("b", "2");
        putObject("c", "3");
        String uri = "trays3:deleteMultipleObjects?bucket=" + bucket;

        Trays3InvalidInputException refused = failure(Trays3InvalidInputException.class, uri + "&maxDeletes=2",
                                                       List.of("a", "b", "c"), Map.of());
        Map<String, Object> dry = map(call(uri + "&dryRun=true", List.of("a", Map.of("Key", "b")), Map.of()));
        Map<String, Object> allowed = map(call(uri + "&maxDeletes=3", List.of("a", "b", "c"), Map.of()));

        assertThat(refused).hasMessageContaining("option 'maxDeletes' value '2' is exceeded: the body holds 3 keys");
        assertThat(dry).isEqualTo(Map.of("Deleted", List.of(keyEntry("a"), keyEntry("b")), "Errors", List.of()));
        assertThat(list(allowed.get("Deleted"))).hasSize(3);
        assertThat(remainingKeys()).isEmpty();
    }

    @Test
    void deletesAnIteratorOfKeysInParallelBatchesInTheOrderSent() throws Exception {
        List<String> keys = putKeys("p/", 3500);

        Map<String, Object> result = map(call("trays3:deleteMultipleObjects?deleteConcurrency=3&bucket=" + bucket,
                                              keys.iterator(), Map.of()));

        assertThat(list(result.get("Deleted"))).extracting(d -> d.get("Key")).containsExactlyElementsOf(keys);
        assertThat(remainingKeys()).isEmpty();
    }

    @Test
    void aBadItemInAnIterableStopsThereAndSaysWhatEarlierBatchesDeleted() throws Exception {
        List<Object> items = new ArrayList<>(putKeys("q/", 1500));
        items.add(1200, 42);
        Iterable<Object> iterable = items::iterator;

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:deleteMultipleObjects?bucket=" + bucket, iterable, Map.of());

        assertThat(e).hasMessageContaining("item 1200").hasMessageContaining("earlier batches deleted 1000 keys");
        assertThat(remainingKeys()).hasSize(500);
    }

    @Test
    void aStreamedListingOfAMissingBucketFailsTheListingStep() {
        Trays3Exception e = failure(Trays3Exception.class, "trays3:listBucketObjects?bucket=no-such-bucket-x&streamed=true",
                                    null, Map.of());

        assertThat(e).hasMessageContaining("NoSuchBucket");
    }

    private static Map<String, Object> keyEntry(String key) {
        java.util.LinkedHashMap<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("Key", key);
        entry.put("VersionId", null);
        return entry;
    }

    /** Puts {@code count} empty objects prefix00000.. in parallel; returns their keys in order. */
    private List<String> putKeys(String prefix, int count) throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(String.format("%s%05d", prefix, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.empty())));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
        return keys;
    }

    private List<String> remainingKeys() {
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(l -> l.bucket(bucket)).contents().forEach((S3Object o) -> keys.add(o.key()));
        return keys;
    }
}
