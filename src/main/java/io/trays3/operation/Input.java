package io.trays3.operation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;

/**
 * One input of an operation: its trays3 header, the endpoint option behind it, and the headers of other components it
 * falls back to (camel-aws2-s3's), which rank below options written in the URI but above component defaults.
 *
 * @param option         the option name, as in the URI
 * @param type           the Java type the value is converted to
 * @param fromConfig     reads the endpoint's option (the URI value, else the component default); null for header-only
 * @param header         the trays3 header that overrides the option
 * @param interopHeaders other components' headers honoured when neither the trays3 header nor a URI option is set
 */
public record Input<T>(String option, Class<T> type, Function<Trays3Configuration, T> fromConfig, String header,
                       List<String> interopHeaders) {

    public static final Input<String> BUCKET = new Input<>("bucket", String.class, Trays3Configuration::getBucket,
            Trays3Constants.BUCKET, List.of(Trays3Constants.AWS2_S3_BUCKET));
    public static final Input<String> KEY = new Input<>("key", String.class, Trays3Configuration::getKey,
            Trays3Constants.KEY, List.of(Trays3Constants.AWS2_S3_KEY));
    public static final Input<String> VERSION_ID = string("versionId", Trays3Configuration::getVersionId,
            Trays3Constants.VERSION_ID);
    public static final Input<String> PREFIX = string("prefix", Trays3Configuration::getPrefix, Trays3Constants.PREFIX);
    public static final Input<String> DELIMITER = string("delimiter", Trays3Configuration::getDelimiter,
            Trays3Constants.DELIMITER);
    public static final Input<Integer> MAX_KEYS = new Input<>("maxKeys", Integer.class, Trays3Configuration::getMaxKeys,
            Trays3Constants.MAX_KEYS, List.of());
    public static final Input<String> CONTINUATION_TOKEN = string("continuationToken",
            Trays3Configuration::getContinuationToken, Trays3Constants.CONTINUATION_TOKEN);
    public static final Input<String> START_AFTER = string("startAfter", Trays3Configuration::getStartAfter,
            Trays3Constants.START_AFTER);
    public static final Input<Boolean> ALL_PAGES = new Input<>("allPages", Boolean.class, Trays3Configuration::isAllPages,
            Trays3Constants.ALL_PAGES, List.of());
    public static final Input<String> ACL = string("acl", Trays3Configuration::getAcl, Trays3Constants.ACL);
    public static final Input<String> CONTENT_TYPE = string("contentType", Trays3Configuration::getContentType,
            Trays3Constants.CONTENT_TYPE);
    public static final Input<Integer> EXPIRES_SECONDS = new Input<>("expiresSeconds", Integer.class,
            Trays3Configuration::getExpiresSeconds, Trays3Constants.EXPIRES_SECONDS, List.of());
    public static final Input<String> HTTP_METHOD = string("httpMethod", Trays3Configuration::getHttpMethod,
            Trays3Constants.HTTP_METHOD);
    public static final Input<Long> RANGE_FROM = new Input<>("rangeFrom", Long.class, Trays3Configuration::getRangeFrom,
            Trays3Constants.RANGE_FROM, List.of());
    public static final Input<Long> RANGE_TO = new Input<>("rangeTo", Long.class, Trays3Configuration::getRangeTo,
            Trays3Constants.RANGE_TO, List.of());
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Input<Map<String, Object>> METADATA = new Input<>("metadata", (Class) Map.class, null,
            Trays3Constants.METADATA, List.of());

    private static Input<String> string(String option, Function<Trays3Configuration, String> fromConfig, String header) {
        return new Input<>(option, String.class, fromConfig, header, List.of());
    }

    /** How to name this input in an error: the option and its header. */
    public String describe() {
        return fromConfig == null ? "header " + header : "option '" + option + "' (header " + header + ")";
    }
}
