package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;

/** {@code deleteObject}: deletes one key, or one version of it. */
final class DeleteObjectProducer extends OperationProducer {

    DeleteObjectProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.deleteObject);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String versionId = inputs.versionId();
        DeleteObjectResponse response = s3().deleteObject(r -> r.bucket(bucket).key(key).versionId(versionId));
        Map<String, Object> result = JsonShapes.success();
        if (response.versionId() != null) {
            result.put("VersionId", response.versionId());
        }
        if (response.deleteMarker() != null) {
            result.put("DeleteMarker", response.deleteMarker());
        }
        reply(inputs, result);
    }
}
