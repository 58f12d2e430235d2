package io.trays3.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.trays3.operation.Trays3Operation;

/**
 * One generated case: an operation with its URI options, headers and body, and what the contract says must come of it,
 * worked out from the values alone ({@link ContractModel}).
 */
final class HostileCase {

    /** What must come of a case. */
    enum Expected {
        /** A success, with the requests the operation makes (none for {@link #sendsNothing}). */
        SUCCEEDS,
        /** A Trays3InvalidInputException naming the operation, and no request. */
        REFUSED,
        /** A Trays3Exception naming the operation (not bad input: a body that fails while it is read), and no request. */
        FAILS,
        /** Camel refuses the endpoint URI: an option value it cannot convert to the option's type; no request. */
        ENDPOINT_REFUSED
    }

    final Trays3Operation operation;
    final int index;
    /** The URI options as given (the URI writes text as RAW(...)). */
    final Map<String, String> uriOptions = new LinkedHashMap<>();
    final Map<String, Object> headers = new LinkedHashMap<>();
    Object body;
    Expected expected = Expected.SUCCEEDS;
    String reason = "every input fits";
    /** A success that sends no request: a signed URL, a dry run, nothing to delete, a consumer that has not polled. */
    boolean sendsNothing;
    /** The bucket and the keys every request must name in its path, when the operation names keys. */
    String wireBucket;
    final List<String> wireKeys = new ArrayList<>();

    HostileCase(Trays3Operation operation, int index) {
        this.operation = operation;
        this.index = index;
    }

    /** The endpoint URI: numbers and booleans as they are, text inside RAW(...) so that Camel takes it literally. */
    String uri() {
        String options = uriOptions.entrySet().stream()
                .map(e -> e.getKey() + "=" + (isPlain(e.getValue()) ? e.getValue() : "RAW(" + e.getValue() + ")"))
                .collect(Collectors.joining("&"));
        return "trays3:" + operation + (options.isEmpty() ? "" : "?" + options);
    }

    private static boolean isPlain(String value) {
        return value.matches("[A-Za-z0-9-]+");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(operation + " case " + index + ": expected " + expected + " (" + reason + ")");
        text.append("\n    uri     ").append(escape(uri()));
        headers.forEach((name, value) -> text.append("\n    header  ").append(name).append(" = ").append(describe(value)));
        text.append("\n    body    ").append(describe(body));
        return text.toString();
    }

    /** A value with its type, shortened, its control and non-ASCII characters escaped. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String shown = value instanceof byte[] bytes ? bytes.length + " bytes"
                : value instanceof int[] || value instanceof Object[] ? "an array" : String.valueOf(value);
        return value.getClass().getSimpleName() + " '" + escape(shown) + "'";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        String shown = text.length() > 160 ? text.substring(0, 120) + "...(" + text.length() + " chars)" : text;
        shown.chars().forEach(c -> out.append(c >= 0x20 && c <= 0x7e ? String.valueOf((char) c)
                                                                     : String.format("\\u%04x", c)));
        return out.toString();
    }
}
