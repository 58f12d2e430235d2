package io.trays3.operation;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code headObject}: an object's metadata without its content. */
final class HeadObjectProducer extends OperationProducer {

    HeadObjectProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.headObject);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String versionId = inputs.versionId();
        HeadObjectResponse head = s3().headObject(r -> r.bucket(bucket).key(key).versionId(versionId));
        reply(inputs, JsonShapes.object(
                "ContentLength", head.contentLength(),
                "ContentType", head.contentType(),
                "ETag", head.eTag(),
                "LastModified", JsonShapes.instant(head.lastModified()),
                "Metadata", head.metadata(),
                "VersionId", head.versionId(),
                // S3 sends no storage class header for STANDARD objects
                "StorageClass", head.storageClassAsString() == null ? "STANDARD" : head.storageClassAsString()));
    }
}
