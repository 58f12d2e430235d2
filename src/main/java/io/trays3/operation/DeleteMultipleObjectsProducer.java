package io.trays3.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * {@code deleteMultipleObjects}: deletes the keys of the body (keys, {@code {"Key","VersionId"}} maps, or a
 * listBucketObjects result) in batches of at most 1000, and reports what was deleted and what failed.
 */
final class DeleteMultipleObjectsProducer extends OperationProducer {

    static final int BATCH_SIZE = 1000;
    private static final String BODY = "the message body";

    DeleteMultipleObjectsProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.deleteMultipleObjects);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        Object body = inputs.exchange().getMessage().getBody();
        // a listBucketObjects result names its bucket: list -> delete composes without repeating it
        if (body instanceof Map<?, ?> map && map.get("Name") instanceof String name) {
            inputs.listedBucket(name);
        }
        String bucket = inputs.bucket();
        List<ObjectIdentifier> objects = identifiers(inputs, body);

        List<Object> deleted = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (int from = 0; from < objects.size(); from += BATCH_SIZE) {
            List<ObjectIdentifier> batch = objects.subList(from, Math.min(from + BATCH_SIZE, objects.size()));
            DeleteObjectsResponse response = s3().deleteObjects(r -> r.bucket(bucket)
                    .delete(d -> d.objects(batch).quiet(false)));
            response.deleted().forEach(d -> deleted.add(JsonShapes.object("Key", d.key(), "VersionId", d.versionId())));
            response.errors().forEach(e -> errors.add(JsonShapes.object("Key", e.key(), "Code", e.code(),
                                                                        "Message", e.message())));
            // should a later batch fail, its error says what the earlier ones already did
            inputs.progress("earlier batches already deleted " + deleted.size() + " and failed " + errors.size() + " of "
                            + objects.size() + " keys");
        }
        reply(inputs, JsonShapes.object("Deleted", deleted, "Errors", errors));
    }

    private static List<ObjectIdentifier> identifiers(OperationInputs inputs, Object body) {
        Object items = body;
        if (body instanceof Map<?, ?> map && map.containsKey("Contents")) {
            items = map.get("Contents");
        }
        if (items instanceof Object[] array) {
            items = Arrays.asList(array);
        }
        if (!(items instanceof Collection<?> collection)) {
            throw inputs.invalid(BODY + " (" + (body == null ? "null" : body.getClass().getName()) + ")", null,
                                 "is not a list of keys; allowed: a list of keys, a list of {\"Key\",\"VersionId\"} maps"
                                 + " or a listBucketObjects result");
        }
        List<ObjectIdentifier> objects = new ArrayList<>(collection.size());
        int index = 0;
        for (Object item : collection) {
            objects.add(identifier(inputs, item, index++));
        }
        return objects;
    }

    private static ObjectIdentifier identifier(OperationInputs inputs, Object item, int index) {
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
}
