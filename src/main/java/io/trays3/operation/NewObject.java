package io.trays3.operation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.model.JsonShapes;
import org.apache.camel.Message;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One object the newObjects consumer found, in a listing or in an event notification, as it hands it to the route.
 *
 * @param bucket       the bucket
 * @param key          the key, decoded
 * @param eTag         the ETag, in quotes as S3 lists it ({@code "9a0364b9e99bb480dd25e1f0284c8555"})
 * @param size         the size in bytes, or null when not known
 * @param lastModified when it was last modified (ISO-8601 UTC; for an event, the event's time), or null
 * @param storageClass the storage class (a listing names it; an event does not: null)
 */
record NewObject(String bucket, String key, String eTag, Long size, String lastModified, String storageClass) {

    /** The ETag is kept quoted, as listings and HeadObject give it, whichever form it came in. */
    NewObject {
        eTag = quoted(eTag);
    }

    /** An entry of a listing. */
    static NewObject listed(String bucket, S3Object object) {
        return new NewObject(bucket, object.key(), object.eTag(), object.size(), JsonShapes.instant(object.lastModified()),
                             object.storageClassAsString());
    }

    /** The body of its exchange, the listing entry's shape: {@code {"Key","LastModified","ETag","Size","StorageClass"}}. */
    Map<String, Object> body() {
        return JsonShapes.object("Key", key, "LastModified", lastModified, "ETag", eTag, "Size", size,
                                 "StorageClass", storageClass);
    }

    /** Sets the headers the operations read (bucket and key) and those getObject sets (ETag, length, last modified). */
    void setHeaders(Message message) {
        message.setHeader(Trays3Constants.BUCKET, bucket);
        message.setHeader(Trays3Constants.KEY, key);
        message.setHeader(Trays3Constants.E_TAG, eTag);
        message.setHeader(Trays3Constants.CONTENT_LENGTH, size);
        message.setHeader(Trays3Constants.LAST_MODIFIED, lastModified);
    }

    /** Its key in the idempotent repository. */
    String repositoryKey() {
        return repositoryKey(bucket, key, eTag);
    }

    /**
     * The key of an object version in the idempotent repository: the SHA-256, in hex, of the bucket, the key and the ETag
     * (without quotes). Fixed length (64 characters), whatever the key holds, so it fits camel-sql's messageId column and
     * a file repository's one-line entries; the same for an object found by a listing and by an event.
     */
    static String repositoryKey(String bucket, String key, String eTag) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String identity = bucket + '\n' + key + '\n' + unquoted(eTag);
            return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String unquoted(String eTag) {
        if (eTag == null) {
            return "";
        }
        String tag = eTag.trim();
        return tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
    }

    private static String quoted(String eTag) {
        return eTag == null || eTag.isBlank() ? eTag : "\"" + unquoted(eTag) + "\"";
    }
}
