package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.trays3.Trays3Endpoint;
import io.trays3.Trays3ErrorMessage;
import io.trays3.model.JsonShapes;
import io.trays3.model.Progress;
import io.trays3.model.ProgressMeter;
import io.trays3.model.StreamedListing;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code listBucketObjects}: one page of keys and "folders" (CommonPrefixes), with {@code allPages} every page merged
 * into one result, or with {@code streamed} a {@link StreamedListing} that reads the pages as it is iterated.
 */
final class ListBucketObjectsProducer extends OperationProducer {

    ListBucketObjectsProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.listBucketObjects);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        Integer maxKeys = inputs.intWithin(Input.MAX_KEYS, 1, 1000);
        boolean allPages = Boolean.TRUE.equals(inputs.value(Input.ALL_PAGES));
        boolean streamed = Boolean.TRUE.equals(inputs.value(Input.STREAMED));
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(inputs.value(Input.PREFIX))
                .delimiter(inputs.value(Input.DELIMITER))
                .maxKeys(maxKeys)
                .continuationToken(inputs.value(Input.CONTINUATION_TOKEN))
                .startAfter(inputs.value(Input.START_AFTER));
        ProgressMeter progress = Meters.meter(getEndpoint(), inputs, Progress.Unit.KEYS, -1, bucket, null);
        if (streamed) {
            StreamedListing listing = streamed(inputs, request, progress);
            // as getObject's content: whatever the route did with it, the listing ends with its exchange
            inputs.exchange().getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    listing.close();
                }
            });
            reply(inputs, listing);
            return;
        }

        List<S3Object> contents = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        ListObjectsV2Response page;
        int keyCount = 0;
        while (true) {
            page = s3().listObjectsV2(request.build());
            contents.addAll(page.contents());
            prefixes.addAll(page.commonPrefixes());
            keyCount += keyCount(page);
            progress.advance(keyCount(page));
            String next = page.nextContinuationToken();
            // stop at the last page, and on a server that repeats a token rather than loop forever
            if (!allPages || !Boolean.TRUE.equals(page.isTruncated()) || next == null
                || Objects.equals(next, request.build().continuationToken())) {
                break;
            }
            request.continuationToken(next);
        }
        progress.finish();
        // with allPages the last page read is the last one, unless the server stopped handing out usable tokens: say so
        boolean truncated = Boolean.TRUE.equals(page.isTruncated());
        reply(inputs, JsonShapes.object(
                "Name", bucket,
                "Prefix", page.prefix(),
                "Delimiter", page.delimiter(),
                "MaxKeys", page.maxKeys(),
                "KeyCount", keyCount,
                "IsTruncated", truncated,
                "NextContinuationToken", truncated ? page.nextContinuationToken() : null,
                "Contents", JsonShapes.list(contents, JsonShapes::objectSummary),
                "CommonPrefixes", JsonShapes.list(prefixes, JsonShapes::commonPrefix)));
    }

    /**
     * The first page is read here, so that a missing bucket or a refusal fails this step; the others are read as the
     * listing is iterated, later, outside this producer, so their failures are turned into trays3 exceptions there.
     */
    private StreamedListing streamed(OperationInputs inputs, ListObjectsV2Request.Builder request, ProgressMeter progress) {
        String bucket = inputs.resolvedBucket();
        StreamedListing.Page first = page(s3().listObjectsV2(request.build()));
        return new StreamedListing(bucket, request.build().prefix(), first, token -> {
            try {
                return page(s3().listObjectsV2(request.continuationToken(token).build()));
            } catch (SdkException e) {
                throw Trays3ErrorMessage.of(operation().name()).on(bucket, null)
                        .progress(progress.done() + " keys were listed")
                        .exception("a streamed listing could not read its next page: " + e.getMessage(), null, e);
            }
        }, progress);
    }

    private static StreamedListing.Page page(ListObjectsV2Response response) {
        List<Map<String, Object>> entries = new ArrayList<>(response.contents().size() + response.commonPrefixes().size());
        response.contents().forEach(o -> entries.add(JsonShapes.objectSummary(o)));
        response.commonPrefixes().forEach(p -> entries.add(JsonShapes.commonPrefix(p)));
        boolean more = Boolean.TRUE.equals(response.isTruncated()) && response.nextContinuationToken() != null;
        return new StreamedListing.Page(entries, more ? response.nextContinuationToken() : null);
    }

    private static int keyCount(ListObjectsV2Response page) {
        return page.keyCount() == null ? page.contents().size() + page.commonPrefixes().size() : page.keyCount();
    }
}
