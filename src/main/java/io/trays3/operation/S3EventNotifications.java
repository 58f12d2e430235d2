package io.trays3.operation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Reads the objects an S3 event notification reports created, in the format AWS S3 emits and Ceph RGW and MinIO copy
 * ({@code {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{..},"object":{..}}}]}}, keys URL-encoded), sent
 * straight to a queue or topic, wrapped in an SNS notification ({@code "Message"}: that JSON as text), or as an
 * EventBridge event ({@code "detail-type":"Object Created"}, keys as they are). Other events (deletes, restores,
 * replication, tagging, S3's test event) report nothing.
 */
final class S3EventNotifications {

    private static final String CREATED = "ObjectCreated:";
    private static final String EVENTBRIDGE_CREATED = "Object Created";

    private S3EventNotifications() {
    }

    /** What one notification holds: the created objects, and the records it skipped and why (for the log). */
    record Reported(List<NewObject> created, List<String> skipped) {
    }

    /**
     * The objects the notification reports created.
     *
     * @throws IllegalArgumentException when the text is not JSON, or not an S3 event notification in a known envelope
     */
    static Reported read(String text) {
        Reported reported = new Reported(new ArrayList<>(), new ArrayList<>());
        read(text, reported, 0);
        return reported;
    }

    private static void read(String text, Reported reported, int depth) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the notification is empty");
        }
        Object parsed;
        try {
            parsed = Jsoner.deserialize(text);
        } catch (DeserializationException e) {
            throw new IllegalArgumentException("the notification is not JSON (" + e.getMessage() + ")", e);
        }
        if (!(parsed instanceof JsonObject root)) {
            throw new IllegalArgumentException("the notification is JSON but not an object");
        }
        read(root, reported, depth);
    }

    private static void read(JsonObject root, Reported reported, int depth) {
        if (root.get("Records") instanceof Collection<?> records) {
            for (Object record : records) {
                if (record instanceof Map<?, ?> map) {
                    record(new JsonObject(cast(map)), reported);
                }
            }
        } else if ("Notification".equals(root.getString("Type")) && root.get("Message") instanceof String message
                   && depth == 0) {
            // SNS: the S3 notification is the text of Message (once: an SNS envelope in an SNS envelope is no S3 event)
            read(message, reported, depth + 1);
        } else if ("aws.s3".equals(root.getString("source")) && root.get("detail") instanceof Map<?, ?> detail) {
            eventBridge(root, new JsonObject(cast(detail)), reported);
        } else if ("s3:TestEvent".equals(root.getString("Event"))) {
            reported.skipped().add("S3's test event");
        } else {
            throw new IllegalArgumentException("the notification has no Records (S3), no Message (SNS) and no detail from"
                                               + " aws.s3 (EventBridge)");
        }
    }

    private static void record(JsonObject record, Reported reported) {
        String event = record.getStringOrDefault("eventName", "");
        // MinIO and older Ceph write s3:ObjectCreated:Put, AWS ObjectCreated:Put
        String name = event.startsWith("s3:") ? event.substring(3) : event;
        JsonObject s3 = object(record, "s3");
        JsonObject bucket = object(s3, "bucket");
        JsonObject object = object(s3, "object");
        String rawKey = object.getString("key");
        if (!name.startsWith(CREATED)) {
            reported.skipped().add(event + " " + rawKey);
            return;
        }
        String key;
        try {
            key = URLDecoder.decode(rawKey == null ? "" : rawKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            reported.skipped().add(event + " " + rawKey + ": the key is not URL-encoded as S3 encodes it");
            return;
        }
        add(reported, event, bucket.getString("name"), key, object.getString("eTag"), object.get("size"),
            record.getString("eventTime"));
    }

    private static void eventBridge(JsonObject root, JsonObject detail, Reported reported) {
        String type = root.getStringOrDefault("detail-type", "");
        JsonObject object = object(detail, "object");
        if (!EVENTBRIDGE_CREATED.equals(type)) {
            reported.skipped().add(type + " " + object.getString("key"));
            return;
        }
        add(reported, type, object(detail, "bucket").getString("name"), object.getString("key"), object.getString("etag"),
            object.get("size"), root.getString("time"));
    }

    private static void add(Reported reported, String event, String bucket, String key, String eTag, Object size,
                            String time) {
        if (bucket == null || key == null || key.isEmpty() || eTag == null || eTag.isBlank()) {
            reported.skipped().add(event + " " + key + ": no bucket, key or ETag");
            return;
        }
        Long length = size instanceof Number number ? Long.valueOf(number.longValue()) : null;
        reported.created().add(new NewObject(bucket, key, eTag, length, instant(time), null));
    }

    /** The time as the listing writes it (ISO-8601 UTC), or as given when it cannot be read. */
    private static String instant(String time) {
        if (time == null) {
            return null;
        }
        try {
            return Instant.parse(time.trim()).toString();
        } catch (DateTimeParseException e) {
            return time.isBlank() ? null : time;
        }
    }

    private static JsonObject object(JsonObject parent, String name) {
        return parent.get(name) instanceof Map<?, ?> map ? new JsonObject(cast(map)) : new JsonObject();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
