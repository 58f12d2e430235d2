package io.trays3;

import org.apache.camel.RuntimeCamelException;

/** Base of every failure trays3 reports: names the operation and, when known, the bucket and key. */
public class Trays3Exception extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String bucket;
    private final String key;

    public Trays3Exception(String operation, String bucket, String key, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.bucket = bucket;
        this.key = key;
    }

    /** The trays3 operation that failed, as written in the URI (for example {@code putObjectText}). */
    public String getOperation() {
        return operation;
    }

    /** The bucket the operation addressed, or null when it had none or failed before resolving it. */
    public String getBucket() {
        return bucket;
    }

    /** The object key the operation addressed, or null. */
    public String getKey() {
        return key;
    }
}
