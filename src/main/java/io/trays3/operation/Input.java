package io.trays3.operation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;

/**
 * One input of the operations: its trays3 header, the endpoint option behind it, the headers of other components it
 * falls back to (camel-aws2-s3's), and what the IAM policy needs to know of it. Where each operation looks for it, and in
 * which order, is {@link Trays3Operation#places(Input)}.
 *
 * @param option        the option name, as in the URI
 * @param type          the Java type the value is converted to
 * @param fromConfig    reads the endpoint's option (the URI value, else the component default); null for header-only
 * @param header        the trays3 header that overrides the option; null for an option of the consumer, which reads no
 *                      message
 * @param otherHeaders  other components' headers honoured when neither the trays3 header nor a URI option is set
 * @param iam           what the IAM policy needs of this input's value
 * @param defaultValue  the value when nothing sets it (the option's default), as text; null for none
 * @param allowedValues the only values the input takes, when it has a short list of them (httpMethod); else empty
 */
public record Input<T>(String option, Class<T> type, Function<Trays3Configuration, T> fromConfig, String header,
                       List<String> otherHeaders, IamUse iam, String defaultValue, List<String> allowedValues) {

    /** What the IAM policy needs of an input. */
    public enum IamUse {
        /** Nothing: the value does not change which actions or resources a call needs. */
        NONE,
        /** Its value: it names the resource (bucket, key), a condition (prefix) or chooses the actions (httpMethod). */
        VALUE,
        /**
         * Only whether it is given: a versionId or an acl adds actions; a boolean option (deleteAfterRead) adds them only
         * when it is true.
         */
        PRESENCE
    }

    public static final Input<String> BUCKET = new Input<>("bucket", String.class, Trays3Configuration::getBucket,
            Trays3Constants.BUCKET, List.of(Trays3Constants.AWS2_S3_BUCKET), IamUse.VALUE, null, List.of());
    public static final Input<String> KEY = new Input<>("key", String.class, Trays3Configuration::getKey,
            Trays3Constants.KEY, List.of(Trays3Constants.AWS2_S3_KEY), IamUse.VALUE, null, List.of());
    public static final Input<String> DESTINATION_BUCKET = new Input<>("destinationBucket", String.class,
            Trays3Configuration::getDestinationBucket, Trays3Constants.DESTINATION_BUCKET,
            List.of(Trays3Constants.AWS2_S3_DESTINATION_BUCKET), IamUse.VALUE, null, List.of());
    public static final Input<String> DESTINATION_KEY = new Input<>("destinationKey", String.class,
            Trays3Configuration::getDestinationKey, Trays3Constants.DESTINATION_KEY,
            List.of(Trays3Constants.AWS2_S3_DESTINATION_KEY), IamUse.VALUE, null, List.of());
    public static final Input<String> VERSION_ID = string("versionId", Trays3Configuration::getVersionId,
            Trays3Constants.VERSION_ID, IamUse.PRESENCE);
    public static final Input<String> PREFIX = string("prefix", Trays3Configuration::getPrefix, Trays3Constants.PREFIX,
            IamUse.VALUE);
    public static final Input<String> DELIMITER = string("delimiter", Trays3Configuration::getDelimiter,
            Trays3Constants.DELIMITER, IamUse.NONE);
    public static final Input<Integer> MAX_KEYS = other("maxKeys", Integer.class, Trays3Configuration::getMaxKeys,
            Trays3Constants.MAX_KEYS);
    public static final Input<String> CONTINUATION_TOKEN = string("continuationToken",
            Trays3Configuration::getContinuationToken, Trays3Constants.CONTINUATION_TOKEN, IamUse.NONE);
    public static final Input<String> START_AFTER = string("startAfter", Trays3Configuration::getStartAfter,
            Trays3Constants.START_AFTER, IamUse.NONE);
    public static final Input<Boolean> ALL_PAGES = other("allPages", Boolean.class, Trays3Configuration::isAllPages,
            Trays3Constants.ALL_PAGES);
    public static final Input<String> ACL = string("acl", Trays3Configuration::getAcl, Trays3Constants.ACL, IamUse.PRESENCE);
    public static final Input<String> CONTENT_TYPE = string("contentType", Trays3Configuration::getContentType,
            Trays3Constants.CONTENT_TYPE, IamUse.NONE);
    public static final Input<Integer> EXPIRES_SECONDS = other("expiresSeconds", Integer.class,
            Trays3Configuration::getExpiresSeconds, Trays3Constants.EXPIRES_SECONDS);
    public static final Input<String> HTTP_METHOD = new Input<>("httpMethod", String.class,
            Trays3Configuration::getHttpMethod, Trays3Constants.HTTP_METHOD, List.of(), IamUse.VALUE, "GET",
            List.of("GET", "PUT"));
    public static final Input<Long> RANGE_FROM = other("rangeFrom", Long.class, Trays3Configuration::getRangeFrom,
            Trays3Constants.RANGE_FROM);
    public static final Input<Long> RANGE_TO = other("rangeTo", Long.class, Trays3Configuration::getRangeTo,
            Trays3Constants.RANGE_TO);
    /** newObjects: the key prefix of the copies moveAfterRead makes. */
    public static final Input<String> DESTINATION_PREFIX = consumerOption("destinationPrefix", String.class,
            Trays3Configuration::getDestinationPrefix, IamUse.NONE);
    /** newObjects: delete each object once its exchange succeeded (adds s3:DeleteObject). */
    public static final Input<Boolean> DELETE_AFTER_READ = consumerOption("deleteAfterRead", Boolean.class,
            Trays3Configuration::isDeleteAfterRead, IamUse.PRESENCE);
    /** newObjects: copy each object to the destination, then delete it, once its exchange succeeded. */
    public static final Input<Boolean> MOVE_AFTER_READ = consumerOption("moveAfterRead", Boolean.class,
            Trays3Configuration::isMoveAfterRead, IamUse.PRESENCE);
    public static final Input<Boolean> STREAMED = other("streamed", Boolean.class, Trays3Configuration::isStreamed,
            Trays3Constants.STREAMED);
    public static final Input<Integer> DELETE_CONCURRENCY = other("deleteConcurrency", Integer.class,
            Trays3Configuration::getDeleteConcurrency, Trays3Constants.DELETE_CONCURRENCY);
    public static final Input<Integer> DOWNLOAD_CONCURRENCY = other("downloadConcurrency", Integer.class,
            Trays3Configuration::getDownloadConcurrency, Trays3Constants.DOWNLOAD_CONCURRENCY);
    public static final Input<Long> DOWNLOAD_PART_SIZE = other("downloadPartSize", Long.class,
            Trays3Configuration::getDownloadPartSize, Trays3Constants.DOWNLOAD_PART_SIZE);
    public static final Input<Long> MAX_DELETES = other("maxDeletes", Long.class, Trays3Configuration::getMaxDeletes,
            Trays3Constants.MAX_DELETES);
    public static final Input<Boolean> DRY_RUN = other("dryRun", Boolean.class, Trays3Configuration::isDryRun,
            Trays3Constants.DRY_RUN);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Input<Map<String, Object>> METADATA = new Input<>("metadata", (Class) Map.class, null,
            Trays3Constants.METADATA, List.of(), IamUse.NONE, null, List.of());

    /** The lists are copied. */
    public Input {
        otherHeaders = List.copyOf(otherHeaders);
        allowedValues = List.copyOf(allowedValues);
    }

    private static Input<String> string(String option, Function<Trays3Configuration, String> fromConfig, String header,
                                        IamUse iam) {
        return new Input<>(option, String.class, fromConfig, header, List.of(), iam, null, List.of());
    }

    private static <T> Input<T> other(String option, Class<T> type, Function<Trays3Configuration, T> fromConfig,
                                      String header) {
        return new Input<>(option, type, fromConfig, header, List.of(), IamUse.NONE, null, List.of());
    }

    /** An option of the consumer: it has no header, since a consumer reads no message. */
    private static <T> Input<T> consumerOption(String option, Class<T> type, Function<Trays3Configuration, T> fromConfig,
                                               IamUse iam) {
        return new Input<>(option, type, fromConfig, null, List.of(), iam, null, List.of());
    }

    /** Whether an endpoint option stands behind the header (the metadata input is a header only). */
    public boolean hasOption() {
        return fromConfig != null;
    }

    /** Whether a trays3 header can set it (a consumer's options have none). */
    public boolean hasHeader() {
        return header != null;
    }

    /** How to name this input in an error: the option and its header. */
    public String describe() {
        if (header == null) {
            return "option '" + option + "'";
        }
        return fromConfig == null ? "header " + header : "option '" + option + "' (header " + header + ")";
    }

    /** Inputs are the constants above: identity is equality, and a look-up does not hash the record's lists each time. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return option;
    }
}
