package io.trays3.tools;

/**
 * A camel-aws2-s3 endpoint in a route: trays3's tools do not cover its permissions.
 *
 * @param routeId   the route's id
 * @param source    the file the route was loaded from
 * @param bucket    the bucket in the endpoint's path (never the rest of the URI, which may hold keys)
 * @param consumer  whether it is the route's {@code from} (a consumer) rather than a producer
 * @param operation the producer's {@code operation} option, or null
 */
public record Aws2S3Use(String routeId, String source, String bucket, boolean consumer, String operation) {

    /** The endpoint as it can be shown: scheme and bucket, no options. */
    public String describe() {
        return "aws2-s3:" + bucket + (consumer ? " (consumer)" : operation == null ? "" : " (operation " + operation + ")");
    }
}
