package io.trays3.operation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import org.apache.camel.Exchange;

/**
 * One input of an operation: the headers that may carry it (first wins) and the endpoint option behind them.
 *
 * @param option     the option name, as in the URI
 * @param type       the Java type the value is converted to
 * @param fromConfig reads the endpoint's option (the URI value, else the component default); null for header-only inputs
 * @param headers    the headers that override the option, in order of precedence
 */
public record Input<T>(String option, Class<T> type, Function<Trays3Configuration, T> fromConfig, List<String> headers) {

    public static final Input<String> BUCKET = new Input<>("bucket", String.class, Trays3Configuration::getBucket,
            List.of(Trays3Constants.BUCKET, Trays3Constants.AWS2_S3_BUCKET));
    public static final Input<String> KEY = new Input<>("key", String.class, Trays3Configuration::getKey,
            List.of(Trays3Constants.KEY, Trays3Constants.AWS2_S3_KEY));
    public static final Input<String> VERSION_ID = string("versionId", Trays3Configuration::getVersionId,
            Trays3Constants.VERSION_ID);
    public static final Input<String> PREFIX = string("prefix", Trays3Configuration::getPrefix, Trays3Constants.PREFIX);
    public static final Input<String> DELIMITER = string("delimiter", Trays3Configuration::getDelimiter,
            Trays3Constants.DELIMITER);
    public static final Input<Integer> MAX_KEYS = new Input<>("maxKeys", Integer.class, Trays3Configuration::getMaxKeys,
            List.of(Trays3Constants.MAX_KEYS));
    public static final Input<String> CONTINUATION_TOKEN = string("continuationToken",
            Trays3Configuration::getContinuationToken, Trays3Constants.CONTINUATION_TOKEN);
    public static final Input<String> START_AFTER = string("startAfter", Trays3Configuration::getStartAfter,
            Trays3Constants.START_AFTER);
    public static final Input<Boolean> ALL_PAGES = new Input<>("allPages", Boolean.class, Trays3Configuration::isAllPages,
            List.of(Trays3Constants.ALL_PAGES));
    public static final Input<String> ACL = string("acl", Trays3Configuration::getAcl, Trays3Constants.ACL);
    public static final Input<String> CONTENT_TYPE = string("contentType", Trays3Configuration::getContentType,
            Trays3Constants.CONTENT_TYPE);
    public static final Input<Integer> EXPIRES_SECONDS = new Input<>("expiresSeconds", Integer.class,
            Trays3Configuration::getExpiresSeconds, List.of(Trays3Constants.EXPIRES_SECONDS));
    public static final Input<String> HTTP_METHOD = string("httpMethod", Trays3Configuration::getHttpMethod,
            Trays3Constants.HTTP_METHOD);
    public static final Input<Long> RANGE_FROM = new Input<>("rangeFrom", Long.class, Trays3Configuration::getRangeFrom,
            List.of(Trays3Constants.RANGE_FROM));
    public static final Input<Long> RANGE_TO = new Input<>("rangeTo", Long.class, Trays3Configuration::getRangeTo,
            List.of(Trays3Constants.RANGE_TO));
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Input<Map<String, Object>> METADATA = new Input<>("metadata", (Class) Map.class, null,
            List.of(Trays3Constants.METADATA));

    /** The putObjectFile fallback for the key: the file name a file consumer sets. */
    public static final String FILE_NAME_HEADER = Exchange.FILE_NAME;

    private static Input<String> string(String option, Function<Trays3Configuration, String> fromConfig, String header) {
        return new Input<>(option, String.class, fromConfig, List.of(header));
    }

    /** How to name this input in an error: the option and its header. */
    public String describe() {
        return fromConfig == null ? "header " + headers.get(0) : "option '" + option + "' (header " + headers.get(0) + ")";
    }
}
