package io.trays3.operation;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;

/** {@code getBucketLocation}: {@code {"result":"eu-west-1"}}, with S3's legacy answers ("" and EU) normalised. */
final class GetBucketLocationProducer extends OperationProducer {

    GetBucketLocationProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.getBucketLocation);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String constraint = s3().getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString();
        reply(inputs, JsonShapes.object("result", regionName(constraint)));
    }

    /** S3 answers "" (or nothing) for us-east-1 and "EU" for buckets made with the old eu-west-1 alias. */
    static String regionName(String locationConstraint) {
        if (locationConstraint == null || locationConstraint.isBlank()) {
            return "us-east-1";
        }
        return "EU".equals(locationConstraint) ? "eu-west-1" : locationConstraint;
    }
}
