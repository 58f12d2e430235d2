package io.trays3.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy's store with one bucket of empty objects kept as a sorted set of keys: S3Proxy still parses, authenticates
 * and answers every request over HTTP (ListObjectsV2, DeleteObjects), but a page of a million-key bucket costs a look-up
 * in the set instead of a walk over every object the store holds (S3Proxy's own stores read all of a bucket's entries
 * for each page: 3-7 s a page at 100,000 keys). Other buckets go to the wrapped store. No delimiter listings.
 */
final class KeyIndexStore extends ForwardingBlobStore {

    private static final String EMPTY_ETAG = "\"d41d8cd98f00b204e9800998ecf8427e\"";
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final String bucket;
    private final NavigableSet<String> keys = new ConcurrentSkipListSet<>();

    /** The store with {@code bucket} holding {@code count} empty objects {@code prefix0000000}, {@code prefix0000001}... */
    KeyIndexStore(BlobStore delegate, String bucket, String prefix, int count) {
        super(delegate);
        this.bucket = bucket;
        for (int i = 0; i < count; i++) {
            keys.add(String.format(Locale.ROOT, "%s%07d", prefix, i));
        }
        if (!delegate.containerExists(bucket)) {
            delegate.createContainer(bucket);
        }
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        if (!bucket.equals(request.bucket())) {
            return super.list(request);
        }
        String prefix = request.prefix() == null ? "" : request.prefix();
        String after = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
        int max = request.maxKeys() == null ? 1000 : Math.min(request.maxKeys(), 1000);
        String from = after != null && after.compareTo(prefix) >= 0 ? after : prefix;
        List<S3Object> page = new ArrayList<>(max);
        boolean truncated = false;
        for (String key : keys.tailSet(from, !from.equals(after))) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (page.size() == max) {
                truncated = true;
                break;
            }
            page.add(S3Object.builder().key(key).size(0L).eTag(EMPTY_ETAG).lastModified(CREATED).storageClass("STANDARD")
                             .build());
        }
        return ListObjectsV2Response.builder().name(bucket).prefix(request.prefix()).maxKeys(max).keyCount(page.size())
                .contents(page).isTruncated(truncated).continuationToken(request.continuationToken())
                .startAfter(request.startAfter())
                .nextContinuationToken(truncated ? page.get(page.size() - 1).key() : null).build();
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        if (!bucket.equals(request.bucket())) {
            return super.removeBlobs(request);
        }
        List<DeletedObject> deleted = new ArrayList<>();
        for (ObjectIdentifier object : request.delete().objects()) {
            keys.remove(object.key());
            deleted.add(DeletedObject.builder().key(object.key()).build());
        }
        return DeleteObjectsResponse.builder().deleted(deleted).build();
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        if (!bucket.equals(request.bucket())) {
            return super.removeBlob(request);
        }
        keys.remove(request.key());
        return DeleteObjectResponse.builder().build();
    }

    @Override
    public void removeBlob(String container, String key) {
        if (!bucket.equals(container)) {
            super.removeBlob(container, key);
            return;
        }
        keys.remove(key);
    }
}
