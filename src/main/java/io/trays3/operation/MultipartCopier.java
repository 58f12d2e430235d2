package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * Copies an object larger than one CopyObject may (5 GiB) server-side, part by part with UploadPartCopy; the bytes never
 * pass through this JVM. Whatever fails, the multipart upload is aborted, so no half copy is left behind.
 */
final class MultipartCopier {

    /** S3's largest source for one CopyObject. */
    static final long SINGLE_COPY_LIMIT = 5L * 1024 * 1024 * 1024;
    /** Part size of large copies: 512 MiB keeps a 5 TiB copy within 10,000 parts. */
    static final long PART_SIZE = 512L * 1024 * 1024;

    private final S3Client s3;
    private final S3Client transfers;
    private final long singleCopyLimit;
    private final long partSize;

    /**
     * A copier that starts and aborts uploads with {@code s3} and copies parts and completes with {@code transfers}
     * (calls whose time grows with the data).
     */
    MultipartCopier(S3Client s3, S3Client transfers) {
        this(s3, transfers, SINGLE_COPY_LIMIT, PART_SIZE);
    }

    /** As above, with smaller sizes, so tests can reach the multipart path. */
    MultipartCopier(S3Client s3, long singleCopyLimit, long partSize) {
        this(s3, s3, singleCopyLimit, partSize);
    }

    private MultipartCopier(S3Client s3, S3Client transfers, long singleCopyLimit, long partSize) {
        this.s3 = s3;
        this.transfers = transfers;
        this.singleCopyLimit = singleCopyLimit;
        this.partSize = partSize;
    }

    /** What a copy made: its ETag and version id (null where the bucket keeps no versions). */
    record Copied(String eTag, String versionId) {
    }

    /** Whether a source of that size needs a multipart copy. */
    boolean needsParts(long sourceSize) {
        return sourceSize > singleCopyLimit;
    }

    /**
     * Copies {@code sourceSize} bytes as {@code request} describes (source, destination, ACL, content type and metadata
     * are taken from it); returns the ETag and the version id of the copy.
     */
    Copied copy(CopyObjectRequest request, long sourceSize) {
        CreateMultipartUploadRequest create = CreateMultipartUploadRequest.builder()
                .bucket(request.destinationBucket()).key(request.destinationKey()).acl(request.acl())
                .contentType(request.contentType()).metadata(request.metadata()).build();
        String uploadId = s3.createMultipartUpload(create).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < sourceSize; first += partSize) {
                long last = Math.min(first + partSize, sourceSize) - 1;
                int number = parts.size() + 1;
                String range = "bytes=" + first + "-" + last;
                String eTag = transfers.uploadPartCopy(p -> p.sourceBucket(request.sourceBucket()).sourceKey(request.sourceKey())
                        .sourceVersionId(request.sourceVersionId()).copySourceRange(range)
                        .destinationBucket(request.destinationBucket()).destinationKey(request.destinationKey())
                        .uploadId(uploadId).partNumber(number)).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            }
            var done = transfers.completeMultipartUpload(c -> c.bucket(request.destinationBucket()).key(request.destinationKey())
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            return new Copied(done.eTag(), done.versionId());
        } catch (RuntimeException | Error e) {
            MultipartUploader.abort(s3, request.destinationBucket(), request.destinationKey(), uploadId, e);
            throw e;
        }
    }
}
