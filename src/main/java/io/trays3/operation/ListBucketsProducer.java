package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.Owner;

/** {@code listBuckets}: every bucket of the credentials, with the owner. Needs no bucket and no region. */
final class ListBucketsProducer extends OperationProducer {

    ListBucketsProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.listBuckets);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        AllBuckets all = listAll(s3());
        reply(inputs, JsonShapes.object("Buckets", JsonShapes.list(all.buckets(), JsonShapes::bucket),
                                        "Owner", JsonShapes.owner(all.owner())));
    }

    /** All pages of ListBuckets (S3 pages only when asked to, but S3-compatible servers may page anyway). */
    static AllBuckets listAll(S3Client s3) {
        List<Bucket> buckets = new ArrayList<>();
        Owner owner = null;
        for (ListBucketsResponse page : s3.listBucketsPaginator(r -> { })) {
            buckets.addAll(page.buckets());
            owner = owner == null ? page.owner() : owner;
        }
        return new AllBuckets(buckets, owner);
    }

    /** The buckets of every page, and the owner S3 named. */
    record AllBuckets(List<Bucket> buckets, Owner owner) {
    }
}
