package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * {@code copyObject}: copies an object (or one of its versions) server-side to another bucket and/or key; content type
 * and metadata are copied unless given, the ACL is set when given. Sources above 5 GiB are copied part by part.
 */
final class CopyObjectProducer extends OperationProducer {

    CopyObjectProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.copyObject);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String versionId = inputs.versionId();
        String destinationBucket = inputs.bucket(Input.DESTINATION_BUCKET);
        String destinationKey = inputs.key(Input.DESTINATION_KEY);
        String acl = inputs.acl();
        String contentType = inputs.contentType();
        Map<String, String> metadata = inputs.metadata();
        boolean replace = contentType != null || !metadata.isEmpty();
        if (bucket.equals(destinationBucket) && key.equals(destinationKey) && versionId == null && !replace && acl == null) {
            throw inputs.invalid(inputs.resolve(Input.DESTINATION_KEY).source(), destinationKey,
                                 "is the source itself, and nothing would change; allowed: another bucket or key, or a"
                                 + " contentType or metadata to replace");
        }

        // the source's size decides between one CopyObject and a multipart copy; its type and metadata fill what a
        // replacement does not give, since S3 replaces both or neither
        HeadObjectResponse source = s3().headObject(h -> h.bucket(bucket).key(key).versionId(versionId));
        String typeToSet = contentType != null ? contentType : source.contentType();
        Map<String, String> metadataToSet = metadata.isEmpty() ? source.metadata() : metadata;
        CopyObjectRequest.Builder request = CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(key)
                .sourceVersionId(versionId).destinationBucket(destinationBucket).destinationKey(destinationKey).acl(acl);
        MultipartCopier copier = new MultipartCopier(s3(), transfers());
        MultipartCopier.Copied copied;
        if (copier.needsParts(source.contentLength())) {
            // a multipart upload takes no directive: what is kept is given again
            copied = copier.copy(request.contentType(typeToSet).metadata(metadataToSet).build(), source.contentLength());
        } else {
            if (replace) {
                request.metadataDirective(MetadataDirective.REPLACE).contentType(typeToSet).metadata(metadataToSet);
            }
            CopyObjectResponse response = transfers().copyObject(request.build());
            copied = new MultipartCopier.Copied(response.copyObjectResult().eTag(), response.versionId());
        }
        reply(inputs, JsonShapes.putResult(destinationBucket, destinationKey, copied.eTag(), copied.versionId()));
    }
}
