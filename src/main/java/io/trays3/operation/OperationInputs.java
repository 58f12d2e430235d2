package io.trays3.operation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The one place that resolves an operation's inputs: the trays3 message header, then the endpoint's URI option, then
 * other components' headers (camel-aws2-s3's bucket and key, the file name for putObjectFile), then the component
 * default. Every check here runs before any request is sent, and every refusal names the operation, where the value came
 * from, the value and what is allowed.
 */
public final class OperationInputs {

    /** Canned ACLs S3 accepts on objects. */
    public static final Set<String> CANNED_ACLS = cannedAcls();
    private static final int MAX_KEY_BYTES = 1024;
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Trays3Operation operation;
    private final Exchange exchange;
    private final Trays3Configuration configuration;
    private final Set<String> uriOptions;
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
     * Resolves one input: its trays3 header; else the option if the URI sets it; else the first interop header set (then
     * the given extra fallback headers); else the option's component default.
     */
    public <T> Resolved<T> resolve(Input<T> input, String... extraFallbackHeaders) {
        Resolved<T> fromHeader = header(input, input.header());
        if (fromHeader != null) {
            return fromHeader;
        }
        return resolveBelowHeader(input, extraFallbackHeaders);
    }

    /** Resolves one input as if its trays3 header were not set. */
    private <T> Resolved<T> resolveBelowHeader(Input<T> input, String... extraFallbackHeaders) {
        T configured = input.fromConfig() == null ? null : input.fromConfig().apply(configuration);
        Resolved<T> fromOption = new Resolved<>(configured, "option '" + input.option() + "'");
        if (configured != null && uriOptions.contains(normalise(input.option()))) {
            return fromOption;
        }
        List<String> fallbacks = new ArrayList<>(input.interopHeaders());
        fallbacks.addAll(List.of(extraFallbackHeaders));
        for (String fallback : fallbacks) {
            Resolved<T> fromFallback = header(input, fallback);
            if (fromFallback != null) {
                return fromFallback;
            }
        }
        return fromOption;
    }

    private <T> Resolved<T> header(Input<T> input, String header) {
        Object raw = exchange.getMessage().getHeader(header);
        // a blank header is not set: it must not hide the URI option below it
        if (raw == null || raw instanceof String text && text.isBlank()) {
            return null;
        }
        return new Resolved<>(convert(raw, input.type(), "header " + header), "header " + header);
    }

    /** The input's value, or null; blank strings count as not set. */
    public <T> T value(Input<T> input) {
        T value = resolve(input).value();
        return value instanceof String text && text.isBlank() ? null : value;
    }

    /** The version to read or sign, or null for the current one. */
    public String versionId() {
        versionId = value(Input.VERSION_ID);
        return versionId;
    }

    /**
     * The version to delete or re-ACL, or null for the current one. A version header that still holds what getObject read
     * reports that read and is not taken as an instruction: "read, then delete" deletes the object (a delete marker where
     * versioning is on), it does not destroy the version read. The URI option, or a header with another value, still
     * names a version; so does the header once the route removes the {@link Trays3Constants#READ_VERSION_ID} property.
     */
    public String versionToChange() {
        Object read = exchange.getProperty(Trays3Constants.READ_VERSION_ID);
        if (read == null || !read.equals(exchange.getMessage().getHeader(Input.VERSION_ID.header()))) {
            return versionId();
        }
        String belowHeader = resolveBelowHeader(Input.VERSION_ID).value();
        versionId = belowHeader == null || belowHeader.isBlank() ? null : belowHeader;
        return versionId;
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
        return bucketOr(null);
    }

    /**
     * The bucket, else the bucket a listing result in the body names: that one ranks below the trays3 header and the
     * URI option, above other components' headers and the component default (deleting a listing's keys from another
     * bucket would be wrong).
     */
    public String bucketOr(String listedBucket) {
        Resolved<String> resolved = resolve(Input.BUCKET);
        String name = resolved.value();
        String source = resolved.source();
        boolean explicit = name != null && !name.isBlank() && (source.equals("header " + Input.BUCKET.header())
                || uriOptions.contains(normalise(Input.BUCKET.option())) && source.startsWith("option"));
        if (listedBucket != null && !explicit) {
            name = listedBucket;
            source = "body field 'Name'";
        }
        if (name == null || name.isBlank()) {
            throw missing(Input.BUCKET);
        }
        checkBucketName(name, source);
        this.bucket = name;
        return name;
    }

    /** The key, required, at most 1024 bytes of UTF-8. */
    public String key() {
        return keyOr(null);
    }

    /** The key, else the value of a fallback header (putObjectFile: the file name). */
    public String keyOr(String fallbackHeader) {
        Resolved<String> resolved = fallbackHeader == null ? resolve(Input.KEY) : resolve(Input.KEY, fallbackHeader);
        String value = resolved.value();
        if (value == null || value.isEmpty()) {
            throw fallbackHeader == null ? missing(Input.KEY)
                    : invalid(Input.KEY.describe() + " or header " + fallbackHeader, null, "is required but not set");
        }
        checkKey(value, resolved.source());
        this.key = value;
        return value;
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
        if (resolved.value() != null) {
            resolved.value().forEach((name, value) -> {
                if (name == null || value == null) {
                    throw invalid(resolved.source(), name + "=" + value, "has a null name or value; allowed: text");
                }
                metadata.put(String.valueOf(name), String.valueOf(value));
            });
        }
        return metadata;
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

    /** An error about a required input that is not set. */
    public Trays3InvalidInputException missing(Input<?> input) {
        return invalid(input.describe(), null, "is required but not set");
    }

    /** Checks an object key: not empty, at most 1024 bytes of UTF-8. */
    public void checkKey(String value, String source) {
        if (value == null || value.isEmpty()) {
            throw invalid(source, value, "is empty; allowed: a key of 1 to 1024 bytes");
        }
        InputValues.checkUnicode(value, source, this::invalid);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw invalid(source, value, "is " + bytes + " bytes of UTF-8; allowed: at most " + MAX_KEY_BYTES + " bytes");
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
