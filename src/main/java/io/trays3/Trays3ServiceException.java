package io.trays3;

/** S3 (or the S3-compatible server) answered with an error: carries its error code, HTTP status and request id. */
public class Trays3ServiceException extends Trays3Exception {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int statusCode;
    private final String requestId;

    public Trays3ServiceException(String operation, String bucket, String key, String errorCode, int statusCode,
                                  String requestId, String message, Throwable cause) {
        super(operation, bucket, key, message, cause);
        this.errorCode = errorCode;
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    /** S3's error code, for example {@code NoSuchKey} or {@code AccessDenied}. */
    public String getErrorCode() {
        return errorCode;
    }

    /** The HTTP status of S3's answer. */
    public int getStatusCode() {
        return statusCode;
    }

    /** S3's request id, for AWS support and server logs. */
    public String getRequestId() {
        return requestId;
    }
}
