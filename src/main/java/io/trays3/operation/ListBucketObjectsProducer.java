package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code listBucketObjects}: one page of keys and "folders" (CommonPrefixes), or with {@code allPages} every page merged
 * into one result.
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
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                .bucket(bucket)
                .prefix(inputs.value(Input.PREFIX))
                .delimiter(inputs.value(Input.DELIMITER))
                .maxKeys(maxKeys)
                .continuationToken(inputs.value(Input.CONTINUATION_TOKEN))
                .startAfter(inputs.value(Input.START_AFTER));

        List<S3Object> contents = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        ListObjectsV2Response page;
        int keyCount = 0;
        while (true) {
            page = s3().listObjectsV2(request.build());
            contents.addAll(page.contents());
            prefixes.addAll(page.commonPrefixes());
            keyCount += page.keyCount() == null ? page.contents().size() + page.commonPrefixes().size() : page.keyCount();
            String next = page.nextContinuationToken();
            // stop at the last page, and on a server that repeats a token rather than loop forever
            if (!allPages || !Boolean.TRUE.equals(page.isTruncated()) || next == null
                || Objects.equals(next, request.build().continuationToken())) {
                break;
            }
            request.continuationToken(next);
        }
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
}
