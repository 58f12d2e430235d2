package io.trays3.operation;

import java.util.Comparator;
import java.util.List;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.Bucket;

/** {@code listBucketsDdl}: bucket names as dropdown options {@code {"result":[{"text","value"}]}}, sorted by name. */
final class ListBucketsDdlProducer extends OperationProducer {

    ListBucketsDdlProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.listBucketsDdl);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        List<Bucket> buckets = ListBucketsProducer.listAll(s3()).buckets().stream()
                .sorted(Comparator.comparing(Bucket::name))
                .toList();
        reply(inputs, JsonShapes.object("result",
                JsonShapes.list(buckets, b -> JsonShapes.object("text", b.name(), "value", b.name()))));
    }
}
