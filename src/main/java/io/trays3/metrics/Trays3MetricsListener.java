package io.trays3.metrics;

/**
 * Hears what trays3 measures as it happens, to publish it elsewhere (the application's Micrometer bridge is one). Called
 * on the thread that made the request or moved the bytes: keep it quick and never throw.
 */
public interface Trays3MetricsListener {

    /** One S3 request ended; {@code code} is null when it succeeded. */
    default void request(RequestRecord request) {
    }

    /** The SDK retried a request that many times before its last attempt. */
    default void retries(String operation, String bucket, String request, int retries) {
    }

    /** Bytes went up or down. */
    default void bytes(String operation, String bucket, Direction direction, long bytes) {
    }

    /** The estimated cost of what just happened, in USD, in a price class (a request class tag or transfer-out). */
    default void cost(String bucket, String region, String priceClass, double usd) {
    }

    /** A transfer started; it is in {@link Trays3Metrics#transfers()} until it ends. */
    default void transferStarted(Transfer transfer) {
    }

    /**
     * One S3 request as measured.
     *
     * @param operation    the trays3 operation, or {@code healthCheck} / {@code regionLookup} for trays3's own requests
     * @param bucket       the bucket, or null for requests without one (ListBuckets)
     * @param request      the S3 request ({@code PutObject}, {@code UploadPart}, ...)
     * @param requestClass how S3 prices it
     * @param code         the S3 error code (or the client-side failure) when it failed; null when it succeeded
     * @param nanos        how long it took until its response (a download's body streams afterwards)
     */
    record RequestRecord(String operation, String bucket, String request, RequestClass requestClass, String code,
                         long nanos) {

        /** {@code success} or {@code error}. */
        public String outcome() {
            return code == null ? "success" : "error";
        }
    }
}
