package io.trays3.operation;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import io.trays3.model.Progress;
import io.trays3.model.ProgressMeter;
import io.trays3.model.StreamedListing;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@code deleteMultipleObjects}: deletes the keys of the body (keys, {@code {"Key","VersionId"}} maps, a
 * listBucketObjects result, a {@link StreamedListing}, or any Iterable or Iterator of those items) in batches of at
 * most 1000, several batches on the wire at once, and reports what was deleted and what failed. A list is checked whole
 * before the first request; an Iterable or Iterator is read, checked and deleted batch by batch as it goes.
 */
final class DeleteMultipleObjectsProducer extends OperationProducer {

    static final int BATCH_SIZE = 1000;
    static final int MAX_CONCURRENCY = 64;
    private static final String BODY = "the message body";

    DeleteMultipleObjectsProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.deleteMultipleObjects);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        Object body = inputs.exchange().getMessage().getBody();
        // a listing names its bucket: list -> delete composes without repeating it
        if (body instanceof StreamedListing listing) {
            inputs.listedBucket(listing.bucket());
        } else if (body instanceof Map<?, ?> map && map.get("Name") instanceof String name) {
            inputs.listedBucket(name);
        }
        String bucket = inputs.bucket();
        Integer concurrency = inputs.intWithin(Input.DELETE_CONCURRENCY, 1, MAX_CONCURRENCY);
        Long maxDeletes = inputs.value(Input.MAX_DELETES);
        if (maxDeletes != null && maxDeletes < 0) {
            throw inputs.invalid(inputs.resolve(Input.MAX_DELETES).source(), maxDeletes, "is negative; allowed: 0 or more");
        }
        boolean dryRun = Boolean.TRUE.equals(inputs.value(Input.DRY_RUN));
        try {
            Keys keys = keys(inputs, body);
            if (maxDeletes != null) {
                keys = keys.atMost(maxDeletes, inputs);
            }
            if (dryRun) {
                List<Object> wouldDelete = new ArrayList<>();
                keys.items().forEachRemaining(o -> wouldDelete.add(deleted(o)));
                reply(inputs, JsonShapes.object("Deleted", wouldDelete, "Errors", List.of()));
                return;
            }
            ProgressMeter progress = Meters.meter(getEndpoint(), inputs, Progress.Unit.KEYS, keys.total(), bucket, null);
            BulkDelete delete = new BulkDelete(s3(), getEndpoint().getComponent().getPartUploads(), inputs, bucket,
                    concurrency == null ? Trays3Configuration.DEFAULT_DELETE_CONCURRENCY : concurrency, progress);
            reply(inputs, delete.run(keys.items(), keys.total(), keys.checkedUpFront()));
        } finally {
            close(body);
        }
    }

    /** What deleteMultipleObjects reports of a key it deleted: {@code {"Key","VersionId"}}. */
    static Map<String, Object> deleted(ObjectIdentifier object) {
        return JsonShapes.object("Key", object.key(), "VersionId", object.versionId());
    }

    /**
     * The keys to delete: all of them, checked, for a list; read and checked as they are used for anything else.
     *
     * @param total the number of keys, -1 when not known before they are read
     */
    record Keys(Iterator<ObjectIdentifier> items, long total, boolean checkedUpFront) {

        /** These keys, or a refusal when there are more than {@code max} (a stream is read up to max + 1 keys for it). */
        Keys atMost(long max, OperationInputs inputs) {
            String source = inputs.resolve(Input.MAX_DELETES).source();
            if (total >= 0) {
                if (total > max) {
                    throw inputs.invalid(source, max, "is exceeded: the body holds " + total + " keys; nothing was deleted");
                }
                return this;
            }
            List<ObjectIdentifier> read = new ArrayList<>();
            while (items.hasNext() && read.size() <= max) {
                read.add(items.next());
            }
            if (read.size() > max) {
                throw inputs.invalid(source, max, "is exceeded: the body holds more than " + max + " keys; nothing was"
                                                  + " deleted");
            }
            return new Keys(read.iterator(), read.size(), true);
        }
    }

    private static Keys keys(OperationInputs inputs, Object body) {
        Object items = body;
        if (body instanceof Map<?, ?> map && map.containsKey("Contents")) {
            items = map.get("Contents");
        }
        if (items instanceof Object[] array) {
            items = Arrays.asList(array);
        }
        if (items instanceof Collection<?> collection) {
            // a list is checked whole, so one bad item refuses the body before any request
            List<ObjectIdentifier> objects = new ArrayList<>(collection.size());
            int index = 0;
            for (Object item : collection) {
                objects.add(identifier(inputs, item, index++));
            }
            return new Keys(objects.iterator(), objects.size(), true);
        }
        if (items instanceof Iterable<?> iterable) {
            items = iterable.iterator();
        }
        if (items instanceof Iterator<?> iterator) {
            return new Keys(new Iterator<>() {
                private long index;

                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public ObjectIdentifier next() {
                    return identifier(inputs, iterator.next(), index++);
                }
            }, -1, false);
        }
        throw inputs.invalid(BODY + " (" + (body == null ? "null" : body.getClass().getName()) + ")", null,
                             "is not a list of keys; allowed: a list, Iterable or Iterator of keys or of {\"Key\",\"VersionId\"}"
                             + " maps, a listBucketObjects result or a streamed listing");
    }

    private static ObjectIdentifier identifier(OperationInputs inputs, Object item, long index) {
        String where = BODY + " item " + index;
        if (item instanceof CharSequence key) {
            inputs.checkKey(key.toString(), where);
            return ObjectIdentifier.builder().key(key.toString()).build();
        }
        if (item instanceof Map<?, ?> map && map.get("Key") instanceof CharSequence key) {
            inputs.checkKey(key.toString(), where + " field 'Key'");
            String versionId = InputValues.text(map.get("VersionId"), where + " field 'VersionId'", inputs::invalid);
            if (versionId != null) {
                inputs.noteVersionId(versionId);
            }
            return ObjectIdentifier.builder().key(key.toString()).versionId(versionId).build();
        }
        if (item instanceof ObjectIdentifier identifier) {
            inputs.checkKey(identifier.key(), where);
            return identifier;
        }
        throw inputs.invalid(where, item, "is not a key; allowed: a String key or a map with a \"Key\" (and optional"
                                          + " \"VersionId\")");
    }

    /** A streamed listing (or another closeable body) is done with once the keys are deleted, or refused. */
    private static void close(Object body) {
        if (body instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // the keys were deleted (or refused); a body that fails to close changes nothing of that
            }
        }
    }
}
