package io.trays3.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Owner;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Builds the connector's output shapes as plain JSON-shaped values (maps, lists, strings, numbers, booleans, null;
 * instants as ISO-8601 UTC strings), so {@code marshal().json()}, JSONPath and {@code ${body[Key]}} work unconverted.
 */
public final class JsonShapes {

    private JsonShapes() {
    }

    /** An ordered map from alternating names and values; null values are kept (they are part of the shape). */
    public static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** ISO-8601 UTC, or null. */
    public static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** {@code {"Name","CreationDate"}}. */
    public static Map<String, Object> bucket(Bucket bucket) {
        return object("Name", bucket.name(), "CreationDate", instant(bucket.creationDate()));
    }

    /** {@code {"DisplayName","ID"}}, or null. */
    public static Map<String, Object> owner(Owner owner) {
        return owner == null ? null : object("DisplayName", owner.displayName(), "ID", owner.id());
    }

    /** {@code {"Key","LastModified","ETag","Size","StorageClass"}}. */
    public static Map<String, Object> objectSummary(S3Object object) {
        return object("Key", object.key(), "LastModified", instant(object.lastModified()), "ETag", object.eTag(),
                      "Size", object.size(), "StorageClass", object.storageClassAsString());
    }

    /** {@code {"Prefix"}}. */
    public static Map<String, Object> commonPrefix(CommonPrefix prefix) {
        return object("Prefix", prefix.prefix());
    }

    /** The result of both put operations: {@code {"Bucket","Key","ETag","VersionId"}}. */
    public static Map<String, Object> putResult(String bucket, String key, String eTag, String versionId) {
        return object("Bucket", bucket, "Key", key, "ETag", eTag, "VersionId", versionId);
    }

    /** {@code {"success":true}}. */
    public static Map<String, Object> success() {
        return object("success", true);
    }

    /** A list of the mapped elements. */
    public static <T> List<Object> list(List<T> elements, Function<T, Object> mapper) {
        List<Object> list = new ArrayList<>(elements.size());
        for (T element : elements) {
            list.add(mapper.apply(element));
        }
        return list;
    }
}
