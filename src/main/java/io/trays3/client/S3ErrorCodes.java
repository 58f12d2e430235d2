package io.trays3.client;

import software.amazon.awssdk.services.s3.model.S3Exception;

/** The error code of an S3 answer, also of the answers to HEAD requests, which carry no error document. */
public final class S3ErrorCodes {

    private S3ErrorCodes() {
    }

    /** S3's error code; for an answer without one the usual code of its status; null when there is none. */
    public static String of(S3Exception e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return forStatus(e.statusCode());
    }

    /** The code S3 gives that status when it can say one (HEAD answers have no body): null for other statuses. */
    public static String forStatus(int status) {
        return switch (status) {
            case 301 -> "PermanentRedirect";
            case 403 -> "AccessDenied";
            case 404 -> "NotFound";
            default -> null;
        };
    }

    /** The region S3 names for the bucket in its answer (x-amz-bucket-region), or null. */
    public static String bucketRegion(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
    }
}
