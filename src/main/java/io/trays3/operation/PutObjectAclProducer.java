package io.trays3.operation;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;

/** {@code putObjectAcl}: sets a canned ACL on an object. */
final class PutObjectAclProducer extends OperationProducer {

    PutObjectAclProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.putObjectAcl);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String acl = inputs.acl();
        if (acl == null) {
            throw inputs.invalid(Input.ACL.describe(), null, "is required but not set; allowed: "
                                                             + String.join(", ", OperationInputs.CANNED_ACLS));
        }
        String versionId = inputs.versionId();
        s3().putObjectAcl(r -> r.bucket(bucket).key(key).acl(acl).versionId(versionId));
        reply(inputs, JsonShapes.success());
    }
}
