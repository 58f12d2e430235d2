package io.trays3.operation;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * The one place that resolves an operation's inputs at run time, in the order its {@link Trays3Operation#places(Input)}
 * give: the trays3 message header, then the endpoint's URI option, then the operation's fallbacks (camel-aws2-s3's
 * bucket and key, a listing's bucket, the file name for putObjectFile), then the component default. Every check here runs
 * before any request is sent, and every refusal names the operation, where the value came from, the value and what is
 * allowed. It is also the call as IAM sees it ({@link IamCall}), for an AccessDenied error to name what was missing.
 */
public final class OperationInputs implements IamCall {

    /** Canned ACLs S3 accepts on objects. */
    public static final Set<String> CANNED_ACLS = cannedAcls();
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_METADATA_BYTES = 2048;
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Trays3Operation operation;
    private final Exchange exchange;
    private final Trays3Configuration configuration;
    private final Set<String> uriOptions;
    /** The values resolved so far, for error reports and the IAM view of the call. */
    private final Map<Input<?>, Object> resolved = new HashMap<>();
    private String listedBucket;
    private String bucket;
    private String key;
    private String versionId;
    private String progress;

    /**
     * @param uriOptions the options written in the endpoint URI (as {@link #normalise(String)} gives them): they rank
     *                   above the headers of other components, which rank above component defaults
     */
    public OperationInputs(Trays3Operation operation, Exchange exchange, Trays3Configuration configuration,
                           Set<String> uriOptions) {
        this.operation = operation;
        this.exchange = exchange;
        this.configuration = configuration;
        this.uriOptions = uriOptions;
    }

    /** A value with the place it came from ("header X" or "option 'y'"), for error messages. */
    public record Resolved<T>(T value, String source) {
    }

    /** An option name as it is compared: case and dashes do not matter ({@code max-keys} is {@code maxKeys}). */
    public static String normalise(String option) {
        return option.replace("-", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Resolves one input from the first of the operation's places that is set; unset, it reports the option (or the
     * header, for a header-only input) as its source.
     */
    public <T> Resolved<T> resolve(Input<T> input) {
        if (!operation.spec().reads(input)) {
            // the operation's description is what the tools read: an input it does not declare would be missed there
            throw new IllegalStateException("trays3 " + operation + " reads input " + input + " that its OperationSpec does"
                                            + " not declare");
        }
        for (InputPlace place : operation.places(input)) {
            Resolved<T> found = read(input, place);
            if (found != null) {
                return found;
            }
        }
        return new Resolved<>(null, input.hasOption() ? "option '" + input.option() + "'" : "header " + input.header());
    }

    /** The value at one place, or null when that place does not set it. */
    private <T> Resolved<T> read(Input<T> input, InputPlace place) {
        return switch (place.kind()) {
            case HEADER -> ignoresReadVersion(input) || reportsRead(input) ? null : header(input, place.name());
            case OTHER_HEADER -> header(input, place.name());
            case URI_OPTION -> uriOptions.contains(normalise(place.name())) ? configured(input) : null;
            case LISTED_BUCKET -> listedBucket == null ? null
                    : new Resolved<>(input.type().cast(listedBucket), place.describe());
            case INPUT -> sameAs(input, operation.spec().input(place.name()));
            case COMPONENT_DEFAULT -> configured(input);
        };
    }

    private <T> Resolved<T> sameAs(Input<T> input, Input<?> other) {
        Object value = value(other);
        return value == null ? null : new Resolved<>(input.type().cast(value), "the " + other.option() + " input");
    }

    private <T> Resolved<T> configured(Input<T> input) {
        T value = input.fromConfig().apply(configuration);
        return value == null ? null : new Resolved<>(value, "option '" + input.option() + "'");
    }

    /**
     * A version header that still holds what getObject read reports that read, and is no instruction to an operation
     * that changes versions: "read, then delete" deletes the object (a delete marker where versioning is on), it does not
     * destroy the version read. The URI option, or a header with another value, still names a version; so does the
     * header once the route removes the {@link Trays3Constants#READ_VERSION_ID} property.
     */
    private boolean ignoresReadVersion(Input<?> input) {
        if (input != Input.VERSION_ID || !operation.has(OperationSpec.Trait.CHANGES_VERSION)) {
            return false;
        }
        Object read = exchange.getProperty(Trays3Constants.READ_VERSION_ID);
        return read != null && read.equals(exchange.getMessage().getHeader(input.header()));
    }

    /**
     * A content type or metadata header that still holds what getObject read reports that read, and is no input: an
     * object read from an untrusted party must not choose the content type or metadata of what the route writes next. The
     * URI option, or a header the route set to another value, still counts; so does the header once the route removes
     * the {@link Trays3Constants#READ_CONTENT_TYPE} or {@link Trays3Constants#READ_METADATA} property.
     */
    private boolean reportsRead(Input<?> input) {
        String property = input == Input.CONTENT_TYPE ? Trays3Constants.READ_CONTENT_TYPE
                : input == Input.METADATA ? Trays3Constants.READ_METADATA : null;
        if (property == null) {
            return false;
        }
        Object read = exchange.getProperty(property);
        return read != null && read.equals(exchange.getMessage().getHeader(input.header()));
    }

    private <T> Resolved<T> header(Input<T> input, String header) {
        Object raw = exchange.getMessage().getHeader(header);
        // a blank header is not set: it must not hide the URI option below it
        if (raw == null || raw instanceof String text && text.isBlank()) {
            return null;
        }
        return new Resolved<>(convert(raw, input.type(), "header " + header), "header " + header);
    }

    /**
     * The input's value, or null; blank strings count as not set. Text must be valid Unicode: UTF-8 would send a lone
     * surrogate as {@code ?}, another prefix, token or version than the one given.
     */
    public <T> T value(Input<T> input) {
        Resolved<T> found = resolve(input);
        T value = found.value();
        T result = value instanceof String text && text.isBlank() ? null : value;
        if (result instanceof String text) {
            InputValues.checkUnicode(text, found.source(), this::invalid);
        }
        resolved.put(input, result);
        return result;
    }

    /**
     * The content type to send or sign, or null when none is given: printable US-ASCII, as a header value must be (the
     * SDK would send CR and LF as spaces, other control characters as {@code ?}, and drop a trailing newline).
     */
    public String contentType() {
        String value = value(Input.CONTENT_TYPE);
        if (value != null && !value.chars().allMatch(OperationInputs::isPrintableAscii)) {
            throw invalid(resolve(Input.CONTENT_TYPE).source(), printable(value), "is not printable US-ASCII; allowed:"
                          + " characters from space to ~, a media type such as text/plain; charset=utf-8");
        }
        return value;
    }

    /** The version to read, sign, delete or re-ACL, or null for the current one. */
    public String versionId() {
        versionId = value(Input.VERSION_ID);
        return versionId;
    }

    /**
     * The bucket a listBucketObjects result in the body names, for an operation that takes it from there (it ranks
     * below the trays3 header and the URI option: deleting a listing's keys from another bucket would be wrong).
     */
    public void listedBucket(String name) {
        this.listedBucket = name;
    }

    /** The version resolved so far (for error reports), or null. */
    public String resolvedVersionId() {
        return versionId;
    }

    /** Notes a version the call acts on that came from elsewhere than the version input (a body), for error reports. */
    public void noteVersionId(String version) {
        if (versionId == null) {
            versionId = version;
        }
    }

    /** How far a call of several requests got, for error reports; null until it has done part of its work. */
    public String progress() {
        return progress;
    }

    /** Records how far a call of several requests got. */
    public void progress(String note) {
        this.progress = note;
    }

    /** The bucket, required and checked against S3's naming rules. */
    public String bucket() {
        bucket = bucket(Input.BUCKET);
        return bucket;
    }

    /** Another input that names a bucket (copyObject's destination), required and checked likewise. */
    public String bucket(Input<String> input) {
        Resolved<String> resolved = required(input);
        checkBucketName(resolved.value(), resolved.source());
        this.resolved.put(input, resolved.value());
        return resolved.value();
    }

    /** The key, required, at most 1024 bytes of UTF-8. */
    public String key() {
        key = key(Input.KEY);
        return key;
    }

    /** Another input that names a key (copyObject's destination), required and checked likewise. */
    public String key(Input<String> input) {
        Resolved<String> resolved = required(input);
        checkKey(resolved.value(), resolved.source());
        this.resolved.put(input, resolved.value());
        return resolved.value();
    }

    private Resolved<String> required(Input<String> input) {
        Resolved<String> resolved = resolve(input);
        if (resolved.value() == null || resolved.value().isBlank()) {
            throw missing(input);
        }
        return resolved;
    }

    /** A canned ACL or null when none is set; anything else is refused with the list of allowed values. */
    public String acl() {
        Resolved<String> resolved = resolve(Input.ACL);
        String acl = resolved.value();
        if (acl == null || acl.isBlank()) {
            return null;
        }
        if (!CANNED_ACLS.contains(acl)) {
            throw invalid(resolved.source(), acl, "is not a canned ACL; allowed: " + String.join(", ", CANNED_ACLS));
        }
        this.resolved.put(Input.ACL, acl);
        return acl;
    }

    /** An integer input that must lie within bounds (null when unset). */
    public Integer intWithin(Input<Integer> input, int min, int max) {
        Resolved<Integer> resolved = resolve(input);
        Integer value = resolved.value();
        if (value != null && (value < min || value > max)) {
            throw invalid(resolved.source(), value, "is out of range; allowed: " + min + " to " + max);
        }
        return value;
    }

    /** A long option or header between {@code min} and {@code max} inclusive (null when unset). */
    public Long longWithin(Input<Long> input, long min, long max, String allowed) {
        Resolved<Long> resolved = resolve(input);
        Long value = resolved.value();
        if (value != null && (value < min || value > max)) {
            throw invalid(resolved.source(), value, "is out of range; allowed: " + allowed);
        }
        return value;
    }

    /** A non-negative byte offset (null when unset). */
    public Long offset(Input<Long> input) {
        Resolved<Long> resolved = resolve(input);
        Long value = resolved.value();
        if (value != null && value < 0) {
            throw invalid(resolved.source(), value, "is negative; allowed: a byte offset from 0");
        }
        return value;
    }

    /** User metadata from the metadata header, as S3 wants it (string values), or an empty map. */
    public Map<String, String> metadata() {
        Resolved<Map<String, Object>> resolved = resolve(Input.METADATA);
        Map<String, String> metadata = new LinkedHashMap<>();
        // the names of a header's map may be any text, an Integer as well as a String: read them as objects
        Map<?, ?> given = resolved.value();
        if (given != null) {
            Set<String> names = new HashSet<>();
            given.forEach((name, value) -> {
                if (name == null || value == null) {
                    throw invalid(resolved.source(), name + "=" + value, "has a null name or value; allowed: text");
                }
                String text = String.valueOf(name);
                // HTTP header names ignore case (S3 stores them in lower case): two such names would be one entry
                if (!names.add(text.toLowerCase(Locale.ROOT))) {
                    throw invalid(resolved.source(), printable(text), "names a metadata entry twice (names ignore case);"
                                                                      + " allowed: distinct names");
                }
                metadata.put(text, String.valueOf(value));
            });
            checkMetadata(metadata, resolved.source());
        }
        return metadata;
    }

    /**
     * Checks user metadata as S3 takes it, before any request: names are HTTP header tokens (the SDK would otherwise turn
     * CR, LF and other characters into {@code ?} and S3 refuse the signature), values printable US-ASCII, and names and
     * values together at most 2 KB.
     */
    private void checkMetadata(Map<String, String> metadata, String source) {
        int size = 0;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String name = entry.getKey();
            if (name.isEmpty() || !name.chars().allMatch(OperationInputs::isTokenChar)) {
                throw invalid(source, printable(name), "is not a valid metadata name; allowed: letters, digits and"
                                                       + " !#$%&'*+-.^_`|~ (an HTTP header token)");
            }
            if (!entry.getValue().chars().allMatch(OperationInputs::isPrintableAscii)) {
                throw invalid(source, name + "=" + printable(entry.getValue()), "has a value that is not printable"
                              + " US-ASCII; allowed: characters from space to ~ (encode others, for example as Base64 or"
                              + " URL encoding)");
            }
            size += name.length() + entry.getValue().length();
        }
        if (size > MAX_METADATA_BYTES) {
            throw invalid(source, metadata.size() + " entries", "is " + size + " bytes of names and values; allowed: at"
                                                                + " most " + MAX_METADATA_BYTES + " bytes (S3's limit)");
        }
    }

    private static boolean isPrintableAscii(int c) {
        return c >= 0x20 && c <= 0x7e;
    }

    private static boolean isTokenChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A value with its control and non-ASCII characters written as \\uXXXX, so the message shows what was refused. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c >= 0x20 && c <= 0x7e ? String.valueOf((char) c)
                                                                     : String.format("\\u%04x", c)));
        return out.toString();
    }

    @Override
    public String valueOf(Input<?> input) {
        Object value = resolved.get(input);
        return value == null ? null : value.toString();
    }

    /** Whether the input was given; a boolean option (deleteAfterRead) counts as given only when it is true. */
    @Override
    public boolean given(Input<?> input) {
        Object value = resolved.get(input);
        if (value instanceof Boolean on) {
            return on;
        }
        return value != null || input == Input.VERSION_ID && versionId != null;
    }

    /** The endpoint's options these inputs are resolved from. */
    public Trays3Configuration configuration() {
        return configuration;
    }

    /** The operation these inputs are for. */
    public Trays3Operation operation() {
        return operation;
    }

    /** The exchange these inputs come from. */
    public Exchange exchange() {
        return exchange;
    }

    /** The bucket resolved so far (for error reports), or null. */
    public String resolvedBucket() {
        return bucket;
    }

    /** The key resolved so far (for error reports), or null. */
    public String resolvedKey() {
        return key;
    }

    /** An error about a value that came from {@code source}. */
    public Trays3InvalidInputException invalid(String source, Object value, String problem) {
        return new Trays3InvalidInputException(operation.name(), bucket, key, source, value, problem);
    }

    /** An error about a required input that is not set: names the option and every header it was looked for in. */
    public Trays3InvalidInputException missing(Input<?> input) {
        StringBuilder where = new StringBuilder(input.describe());
        for (InputPlace place : operation.places(input)) {
            // the input's own headers are in its description; name the operation's further ones (CamelFileName)
            if (place.kind() == InputPlace.Kind.OTHER_HEADER && !input.otherHeaders().contains(place.name())) {
                where.append(" or ").append(place.describe());
            }
        }
        return invalid(where.toString(), null, "is required but not set");
    }

    /**
     * A whole-number option as the endpoint URI writes it, read as strictly as its header: Camel's own conversion wraps a
     * number beyond an int option's range round ({@code maxKeys=4294967297} would be 1, {@code 9223372036854775807} -1).
     *
     * @param type {@code Integer.class} or {@code Long.class}
     * @throws Trays3InvalidInputException naming the operation and the option, when the text is not such a number
     */
    public static Number uriNumber(Trays3Operation operation, String option, String text, Class<?> type) {
        InputValues.Refusal refusal = (source, value, problem) ->
                new Trays3InvalidInputException(operation.name(), source, value, problem);
        String source = "option '" + option + "'";
        return type == Long.class ? InputValues.wholeLong(text, source, refusal) : InputValues.wholeInt(text, source, refusal);
    }

    /**
     * Checks an object key: not empty, valid Unicode, at most 1024 bytes of UTF-8, and no path segment that is exactly
     * {@code .} or {@code ..}: the SDK sends those as they are, and URL handling removes them (RFC 3986 dot-segment
     * removal in browsers, curl, proxies and servers such as S3Proxy), so a request or a signed URL would name another key.
     */
    public void checkKey(String value, String source) {
        if (value == null || value.isEmpty()) {
            throw invalid(source, value, "is empty; allowed: a key of 1 to 1024 bytes");
        }
        InputValues.checkUnicode(value, source, this::invalid);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw invalid(source, value, "is " + bytes + " bytes of UTF-8; allowed: at most " + MAX_KEY_BYTES + " bytes");
        }
        checkNoDotSegment(value, source, "a key");
    }

    /**
     * Refuses text with a {@code /}-separated segment that is exactly {@code .} or {@code ..} (see {@link #checkKey}).
     *
     * @param what what the text is, for the message ("a key", "a key prefix")
     */
    public void checkNoDotSegment(String value, String source, String what) {
        for (String segment : value.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw invalid(source, value, "has a '" + segment + "' path segment, which URLs drop on the way (a signed URL"
                              + " or a request through a proxy would name another key); allowed: " + what + " without"
                              + " segments that are exactly . or ..");
            }
        }
    }

    private void checkBucketName(String name, String source) {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            throw invalid(source, name, "is not a valid bucket name; allowed: 3 to 63 characters of lowercase letters,"
                                        + " digits, dots and hyphens, starting and ending with a letter or digit, not"
                                        + " an IP address");
        }
    }

    private <T> T convert(Object raw, Class<T> type, String source) {
        return InputValues.convert(raw, type, source, this::invalid);
    }

    private static Set<String> cannedAcls() {
        SortedSet<String> acls = new TreeSet<>();
        for (ObjectCannedACL acl : ObjectCannedACL.knownValues()) {
            acls.add(acl.toString());
        }
        return Collections.unmodifiableSortedSet(acls);
    }
}
