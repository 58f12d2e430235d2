package io.trays3.fuzz;

import java.io.File;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.trays3.operation.Input;
import io.trays3.operation.OperationInputs;
import io.trays3.operation.Trays3Operation;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Generates a case for an operation and works out, from the README's contract alone, what must come of it: which
 * inputs the operation reads, where each comes from (header, then URI option, then fallback), how a header value is
 * converted, and every rule that refuses a value before any request. It is written apart from the component's code, so
 * that a rule the component misses (or applies where the contract does not) shows as a difference.
 */
final class ContractModel {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    /** A rule of the contract refuses the case: the reason, for the report. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final HostileValues values;
    private final HostileCase hostile;
    private final Path existingFile;
    /** How often a value is hostile rather than plausible in this case: some cases are all plausible. */
    private final double hostility;
    /** The URI options as Camel converts them to their types. */
    private final Map<Input<?>, Object> uriValues = new HashMap<>();
    private String camelRefusal;
    private String uriRefusal;

    private ContractModel(Trays3Operation operation, int index, Random random, Path existingFile) {
        this.values = new HostileValues(random);
        this.hostile = new HostileCase(operation, index);
        this.existingFile = existingFile;
        this.hostility = values.pick(0.0, 0.0, 0.1, 0.3, 0.6);
    }

    /** A new case of the operation, with its expected outcome. */
    static HostileCase generate(Trays3Operation operation, int index, Random random, Path existingFile) {
        ContractModel model = new ContractModel(operation, index, random, existingFile);
        model.give();
        model.judge();
        return model.hostile;
    }

    // ---- generation ----

    private void give() {
        Trays3Operation operation = hostile.operation;
        for (Input<?> input : operation.spec().inputs()) {
            boolean required = input == Input.BUCKET || input == Input.KEY || input == Input.ACL
                                                                          && operation == Trays3Operation.putObjectAcl;
            give(input, required ? 0.95 : 0.45);
        }
        if (operation == Trays3Operation.newObjects) {
            giveConsumerOptions();
        }
        // the headers of inputs the operation does not read: they must change nothing
        for (Input<?> input : List.of(Input.KEY, Input.MAX_KEYS, Input.RANGE_FROM, Input.ACL, Input.METADATA,
                                      Input.EXPIRES_SECONDS, Input.DRY_RUN)) {
            if (readsHeaders() && !operation.spec().reads(input) && values.chance(0.2)) {
                hostile.headers.put(input.header(), values.anything());
            }
        }
        hostile.body = body();
    }

    private void give(Input<?> input, double setProbability) {
        // a consumer reads no message: its inputs come from the URI alone
        double headerProbability = input.hasOption() ? setProbability * 0.6 : setProbability;
        boolean header = readsHeaders() && input.hasHeader() && values.chance(headerProbability);
        boolean uri = input.hasOption() && (values.chance(setProbability * 0.6) || !header && values.chance(0.3));
        if (uri) {
            giveUri(input);
        }
        if (header) {
            hostile.headers.put(input.header(), values.chance(hostility) ? hostileHeader(input) : plausible(input));
        }
    }

    private boolean readsHeaders() {
        return hostile.operation != Trays3Operation.newObjects;
    }

    private Object hostileHeader(Input<?> input) {
        if (input == Input.KEY || input == Input.DESTINATION_KEY) {
            return values.chance(0.5) ? values.key() : values.anything();
        }
        return input == Input.METADATA ? values.metadata() : values.anything();
    }

    /** A value of the input's type, as a route would usually give it (which may still be out of range). */
    private Object plausible(Input<?> input) {
        if (input == Input.BUCKET || input == Input.DESTINATION_BUCKET) {
            return values.bucket();
        }
        if (input == Input.KEY || input == Input.DESTINATION_KEY) {
            return values.chance(0.6) ? values.plainKey() : values.key();
        }
        if (input == Input.ACL) {
            return values.chance(0.2) ? ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL : values.pick(HostileValues.ACLS);
        }
        if (input == Input.CONTENT_TYPE) {
            return values.chance(0.3) ? values.text() : values.pick("text/plain", "application/json; charset=utf-8",
                    "text/plain\r\nX-Injected: 1", "text/\u00e9", "a\u0001b", "text/plain\n", "", "image/png",
                    "text/plain; charset=\"utf-8\"");
        }
        if (input == Input.HTTP_METHOD) {
            return values.pick("GET", "PUT", "put ", " get", "POST", "DELETE", "", "G E T", "PUT\r\n");
        }
        if (input == Input.METADATA) {
            return values.metadata();
        }
        if (input.type() == Boolean.class) {
            return values.bool();
        }
        if (input.type() == Integer.class || input.type() == Long.class) {
            return values.number();
        }
        return values.chance(0.5) ? values.pick("v1", "p/", "/", "null", "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY") : values.text();
    }

    private void giveUri(Input<?> input) {
        String text;
        Object converted;
        if (input.type() == Integer.class || input.type() == Long.class) {
            long edge = HostileValues.EDGES[values.below(HostileValues.EDGES.length)];
            boolean fits = input.type() == Long.class || edge >= Integer.MIN_VALUE && edge <= Integer.MAX_VALUE;
            text = values.chance(0.05) ? values.pick("abc", "2.5", "1e3") : String.valueOf(edge);
            converted = input.type() == Long.class ? (Object) edge : (Object) (int) edge;
            if (!fits || !text.equals(String.valueOf(edge))) {
                // trays3 reads a whole-number option strictly, as it reads a header (Camel alone would wrap it round)
                uriRefusal = uriRefusal != null ? uriRefusal : "option '" + input.option() + "' value '" + text
                                                               + "' is not a whole number in range";
            }
        } else if (input.type() == Boolean.class) {
            text = values.pick("true", "false", "TRUE", "False", "true", "false");
            converted = Boolean.valueOf(text.toLowerCase(Locale.ROOT));
            if (values.chance(0.04)) {
                text = values.pick("yes", "1");
                refuseEndpoint(input, text);
            }
        } else {
            text = uriString(input);
            converted = text;
        }
        hostile.uriOptions.put(input.option(), text);
        uriValues.put(input, converted);
    }

    private void refuseEndpoint(Input<?> input, String text) {
        if (camelRefusal == null) {
            camelRefusal = "option '" + input.option() + "' value '" + text + "' is not a " + input.type().getSimpleName();
        }
    }

    private String uriString(Input<?> input) {
        if (input == Input.BUCKET || input == Input.DESTINATION_BUCKET) {
            return values.bucket();
        }
        if (input == Input.KEY || input == Input.DESTINATION_KEY) {
            return values.uriKey();
        }
        if (input == Input.ACL) {
            return values.pick("private", "public-read", "bucket-owner-full-control", "world-readable", "PRIVATE");
        }
        if (input == Input.CONTENT_TYPE) {
            return values.pick("text/plain", "application/json; charset=utf-8", "text/\u00e9", "x;y", "text/csv");
        }
        if (input == Input.HTTP_METHOD) {
            return values.pick("GET", "PUT", "put", "POST");
        }
        return values.chance(0.5) ? values.pick("v1", "p/", "archive/", "../", "a/./") : values.uriText();
    }

    private void giveConsumerOptions() {
        hostile.uriOptions.put("initialDelay", "3600000");
        if (values.chance(0.3)) {
            hostile.uriOptions.put("include", values.pick(".*", ".*\\.txt", "[", "(", "a{2,1}", "*"));
        }
        if (values.chance(0.3)) {
            hostile.uriOptions.put("exclude", values.pick(".*", "archive/.*", "[", "\\"));
        }
        if (values.chance(0.2)) {
            hostile.uriOptions.put("maxMessagesPerPoll", values.pick("0", "5", "-1"));
        }
    }

    private Object body() {
        return switch (hostile.operation) {
            case putObjectText -> textBody();
            case putObjectFile -> fileBody();
            case deleteMultipleObjects -> keysBody();
            default -> values.chance(0.5) ? null : values.anything();
        };
    }

    private Object textBody() {
        return switch (values.below(9)) {
            case 0, 1 -> values.text();
            case 2 -> new StringBuilder(values.text());
            case 3 -> values.text().getBytes(StandardCharsets.UTF_8);
            case 4 -> values.stream(new byte[values.pick(0, 10, 100_000)], values.chance(0.3));
            case 5 -> "x".repeat(values.pick(0, 1, 1_000_000));
            case 6 -> null;
            case 7 -> values.pick(5, Map.of("a", "b"), List.of("a"), existingFile.toFile());
            default -> "plain text";
        };
    }

    private Object fileBody() {
        return switch (values.below(10)) {
            case 0, 1 -> existingFile.toFile();
            case 2 -> existingFile;
            case 3 -> values.pick(new File("/nonexistent/trays3-hostile.txt"), existingFile.getParent().toFile(),
                                  Path.of("/nonexistent/trays3-hostile.txt"), existingFile.getParent());
            case 4 -> new byte[values.pick(0, 1, 100_000)];
            case 5 -> values.stream(new byte[values.pick(0, 10, 100_000)], values.chance(0.3));
            // a stream of more than one part goes multipart
            case 6 -> values.chance(0.05) ? values.stream(new byte[9 * 1024 * 1024], false) : new byte[3];
            case 7 -> values.pick("a path as text", 5, List.of("a"));
            case 8 -> null;
            default -> new byte[] {1, 2, 3};
        };
    }

    private Object keysBody() {
        int kind = values.below(12);
        if (kind == 0) {
            return values.pick(null, "a-key", 5, new byte[1], Map.of("Key", "k"));
        }
        int count = values.chance(0.05) ? values.pick(1001, 2500) : values.below(6);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(keyItem(count > 1000));
        }
        return switch (kind) {
            case 1 -> items.toArray();
            case 2 -> new LinkedHashSet<>(items);
            case 3 -> items.iterator();
            case 4 -> (Iterable<Object>) items::iterator;
            case 5 -> new LinkedHashMap<>(Map.of("Name", values.bucket(), "Contents", items));
            case 6 -> new LinkedHashMap<>(Map.of("Contents", items));
            default -> items;
        };
    }

    private Object keyItem(boolean many) {
        if (many) {
            return "k" + values.below(1_000_000);
        }
        return switch (values.below(8)) {
            case 0, 1, 2 -> values.key();
            case 3 -> new StringBuilder(values.key());
            case 4 -> mapItem();
            case 5 -> values.chance(0.8) ? ObjectIdentifier.builder().key(values.key()).build()
                    : ObjectIdentifier.builder().build();
            case 6 -> values.pick(null, 5, List.of("a"), Map.of("key", "k"), Map.of("Key", 5));
            default -> "k";
        };
    }

    private Map<String, Object> mapItem() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Key", values.key());
        if (values.chance(0.5)) {
            item.put("VersionId", values.chance(0.7) ? values.pick("v1", "3HL4kqtJ", "null") : values.anything());
        }
        return item;
    }

    // ---- the contract ----

    private void judge() {
        if (camelRefusal != null && uriRefusal == null) {
            hostile.expected = HostileCase.Expected.ENDPOINT_REFUSED;
            hostile.reason = camelRefusal;
            return;
        }
        try {
            if (uriRefusal != null) {
                throw new Refused(uriRefusal);
            }
            switch (hostile.operation) {
                case copyObject -> copyObject();
                case deleteMultipleObjects -> deleteMultipleObjects();
                case deleteObject, headObject -> {
                    oneKey();
                    text(Input.VERSION_ID);
                }
                case getObject -> getObject();
                case getObjectSignedUrl -> signedUrl();
                case getBucketLocation -> hostile.wireBucket = bucket(Input.BUCKET, null);
                case listBucketObjects -> listBucketObjects();
                case listBuckets, listBucketsDdl -> {
                    // no inputs
                }
                case newObjects -> newObjects();
                case putObjectFile -> putObjectFile();
                case putObjectText -> putObjectText();
                case putObjectAcl -> {
                    oneKey();
                    if (acl() == null) {
                        throw new Refused("putObjectAcl needs an acl");
                    }
                    text(Input.VERSION_ID);
                }
                default -> throw new IllegalStateException("no model of " + hostile.operation);
            }
        } catch (Refused refused) {
            hostile.expected = HostileCase.Expected.REFUSED;
            hostile.reason = refused.getMessage();
        }
    }

    private void oneKey() throws Refused {
        hostile.wireBucket = bucket(Input.BUCKET, null);
        hostile.wireKeys.add(key(Input.KEY, null));
    }

    private void copyObject() throws Refused {
        String bucket = bucket(Input.BUCKET, null);
        String key = key(Input.KEY, null);
        String versionId = text(Input.VERSION_ID);
        String destinationBucket = bucket(Input.DESTINATION_BUCKET, bucket);
        String destinationKey = key(Input.DESTINATION_KEY, key);
        String acl = acl();
        String contentType = contentType();
        Map<String, String> metadata = metadata();
        if (bucket.equals(destinationBucket) && key.equals(destinationKey) && versionId == null && contentType == null
            && metadata.isEmpty() && acl == null) {
            throw new Refused("a copy onto itself that changes nothing");
        }
        if (bucket.equals(destinationBucket)) {
            hostile.wireBucket = bucket;
            hostile.wireKeys.addAll(List.of(key, destinationKey));
        }
    }

    private void deleteMultipleObjects() throws Refused {
        Object body = hostile.body;
        String listed = body instanceof Map<?, ?> map && map.get("Name") instanceof String name ? name : null;
        hostile.wireBucket = bucket(Input.BUCKET, listed);
        intWithin(Input.DELETE_CONCURRENCY, 1, 64);
        Long maxDeletes = (Long) effective(Input.MAX_DELETES, null);
        if (maxDeletes != null && maxDeletes < 0) {
            throw new Refused("maxDeletes is negative");
        }
        boolean dryRun = Boolean.TRUE.equals(effective(Input.DRY_RUN, null));
        int keys = keys(body);
        if (maxDeletes != null && keys > maxDeletes) {
            throw new Refused("the body holds more keys than maxDeletes");
        }
        hostile.sendsNothing = dryRun || keys == 0;
    }

    private int keys(Object body) throws Refused {
        Object items = body instanceof Map<?, ?> map && map.containsKey("Contents") ? map.get("Contents") : body;
        if (items instanceof Object[] array) {
            items = Arrays.asList(array);
        }
        if (items instanceof Iterable<?> iterable) {
            items = iterable.iterator();
        }
        if (!(items instanceof Iterator<?> iterator)) {
            throw new Refused("the body is not a list of keys");
        }
        // the model reads a copy: the case's own body must reach the operation unread
        List<Object> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        if (hostile.body instanceof Iterator<?>) {
            hostile.body = all.iterator();
        }
        for (Object item : all) {
            if (item instanceof CharSequence key) {
                checkKey(key.toString(), "a body item");
            } else if (item instanceof Map<?, ?> map && map.get("Key") instanceof CharSequence key) {
                checkKey(key.toString(), "a body item's Key");
                Object versionId = map.get("VersionId");
                if (versionId != null && !isText(versionId)) {
                    throw new Refused("a body item's VersionId is not text");
                }
            } else if (item instanceof ObjectIdentifier identifier) {
                checkKey(identifier.key(), "a body item");
            } else {
                throw new Refused("a body item is not a key");
            }
        }
        return all.size();
    }

    private void getObject() throws Refused {
        oneKey();
        text(Input.VERSION_ID);
        Long from = offset(Input.RANGE_FROM);
        Long to = offset(Input.RANGE_TO);
        if (to != null && to < (from == null ? 0 : from)) {
            throw new Refused("rangeTo is before rangeFrom");
        }
        intWithin(Input.DOWNLOAD_CONCURRENCY, 1, 64);
        longWithin(Input.DOWNLOAD_PART_SIZE, 1L << 20, 1L << 30);
    }

    private void signedUrl() throws Refused {
        bucket(Input.BUCKET, null);
        key(Input.KEY, null);
        text(Input.VERSION_ID);
        intWithin(Input.EXPIRES_SECONDS, 1, 604_800);
        Object method = effective(Input.HTTP_METHOD, "GET");
        contentType();
        String name = method == null ? "GET" : method.toString().trim().toUpperCase(Locale.ROOT);
        if (!name.equals("GET") && !name.equals("PUT")) {
            throw new Refused("httpMethod is neither GET nor PUT");
        }
        hostile.sendsNothing = true;
    }

    private void listBucketObjects() throws Refused {
        hostile.wireBucket = bucket(Input.BUCKET, null);
        intWithin(Input.MAX_KEYS, 1, 1000);
        effective(Input.ALL_PAGES, null);
        effective(Input.STREAMED, null);
        for (Input<String> input : List.of(Input.PREFIX, Input.DELIMITER, Input.CONTINUATION_TOKEN, Input.START_AFTER)) {
            text(input);
        }
    }

    private void putObjectFile() throws Refused {
        oneKey();
        acl();
        metadata();
        Object body = hostile.body;
        Path file = body instanceof File f ? f.toPath() : body instanceof Path p ? p : null;
        if (file != null && !file.equals(existingFile)) {
            throw new Refused("the body is not a readable regular file");
        }
        contentType();
        if (file == null && !(body instanceof byte[]) && !(body instanceof InputStream)) {
            throw new Refused("the body cannot be uploaded");
        }
        failingStream(body);
    }

    private void putObjectText() throws Refused {
        oneKey();
        acl();
        metadata();
        contentType();
        Object body = hostile.body;
        if (body instanceof CharSequence text) {
            checkUnicode(text.toString(), "the body");
        } else if (body instanceof InputStream && isFailing(body)) {
            throw new Refused("the body stream cannot be read");
        } else if (!(body instanceof byte[]) && !(body instanceof InputStream)) {
            throw new Refused("the body is not text");
        }
    }

    private void failingStream(Object body) {
        if (body instanceof InputStream && isFailing(body)) {
            hostile.expected = HostileCase.Expected.FAILS;
            hostile.reason = "the body stream fails while it is read, before any request";
        }
    }

    private static boolean isFailing(Object body) {
        return !(body instanceof java.io.ByteArrayInputStream);
    }

    private void newObjects() throws Refused {
        String bucket = bucket(Input.BUCKET, null);
        String prefix = text(Input.PREFIX);
        boolean move = Boolean.TRUE.equals(effective(Input.MOVE_AFTER_READ, null));
        effective(Input.DELETE_AFTER_READ, null);
        String destinationBucket = move ? bucket(Input.DESTINATION_BUCKET, bucket) : null;
        String destinationPrefix = text(Input.DESTINATION_PREFIX);
        destinationPrefix = destinationPrefix == null ? "" : destinationPrefix;
        compiles("include");
        String exclude = hostile.uriOptions.get("exclude");
        compiles("exclude");
        if (move && destinationBucket.equals(bucket)) {
            if (destinationPrefix.isEmpty()) {
                throw new Refused("a move within the bucket needs a destinationPrefix");
            }
            if ((prefix == null || destinationPrefix.startsWith(prefix)) && exclude == null) {
                throw new Refused("the destinationPrefix is under the consumed prefix");
            }
        }
        if (hostile.uriOptions.getOrDefault("maxMessagesPerPoll", "0").startsWith("-")) {
            throw new Refused("maxMessagesPerPoll is negative");
        }
        int end = destinationPrefix.lastIndexOf('/');
        if (end >= 0 && hasDotSegment(destinationPrefix.substring(0, end))) {
            throw new Refused("the destinationPrefix has a . or .. segment");
        }
        hostile.sendsNothing = true;
    }

    private void compiles(String option) throws Refused {
        String regex = hostile.uriOptions.get(option);
        if (regex != null) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new Refused(option + " is not a regular expression");
            }
        }
    }

    // ---- how inputs resolve and what each rule refuses ----

    /** Header (unless null or a blank String), then the URI option, then the fallback; a header is converted strictly. */
    private Object effective(Input<?> input, Object fallback) throws Refused {
        Object raw = readsHeaders() && input.hasHeader() ? hostile.headers.get(input.header()) : null;
        if (raw != null && !(raw instanceof String text && text.isBlank())) {
            return convert(raw, input);
        }
        if (uriValues.containsKey(input)) {
            return uriValues.get(input);
        }
        return fallback;
    }

    private static Object convert(Object raw, Input<?> input) throws Refused {
        Class<?> type = input.type();
        if (type == String.class) {
            if (!isText(raw)) {
                throw new Refused(input + ": a " + raw.getClass().getSimpleName() + " is not text");
            }
            return String.valueOf(raw);
        }
        if (type == Boolean.class) {
            if (raw instanceof Boolean bool) {
                return bool;
            }
            String text = raw instanceof CharSequence chars ? chars.toString().trim().toLowerCase(Locale.ROOT) : null;
            if (!"true".equals(text) && !"false".equals(text)) {
                throw new Refused(input + ": not a boolean");
            }
            return Boolean.valueOf(text);
        }
        if (type == Integer.class || type == Long.class) {
            BigDecimal exact = exact(raw);
            boolean isInt = type == Integer.class;
            if (exact == null || exact.signum() != 0 && exact.stripTrailingZeros().scale() > 0
                || exact.compareTo(BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE)) < 0
                || exact.compareTo(BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE)) > 0) {
                throw new Refused(input + ": not a whole number in range");
            }
            return isInt ? (Object) exact.intValueExact() : (Object) exact.longValueExact();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new Refused(input + ": not a Map");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() != null && !isText(entry.getKey()) || entry.getValue() != null && !isText(entry.getValue())) {
                throw new Refused(input + ": a name or value is not text");
            }
        }
        return map;
    }

    /** The exact number a header value means, or null when it is not one the contract takes. */
    private static BigDecimal exact(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (raw instanceof BigDecimal decimal) {
            return decimal;
        }
        if (raw instanceof Double || raw instanceof Float) {
            double number = ((Number) raw).doubleValue();
            return Double.isFinite(number) ? new BigDecimal(number) : null;
        }
        if (raw instanceof CharSequence chars && WHOLE_NUMBER.matcher(chars.toString().trim()).matches()) {
            return new BigDecimal(chars.toString().trim());
        }
        return null;
    }

    private static boolean isText(Object raw) {
        return raw instanceof CharSequence || raw instanceof Number || raw instanceof Boolean || raw instanceof Enum<?>;
    }

    /** A text input: blank is not set; what is set must be valid Unicode (UTF-8 would send ? for a lone surrogate). */
    private String text(Input<?> input) throws Refused {
        Object value = effective(input, null);
        String text = value == null || value.toString().isBlank() ? null : value.toString();
        checkUnicode(text, input.toString());
        return text;
    }

    private String contentType() throws Refused {
        String type = text(Input.CONTENT_TYPE);
        if (type != null && !type.chars().allMatch(ContractModel::isPrintableAscii)) {
            throw new Refused("contentType is not printable US-ASCII");
        }
        return type;
    }

    private String required(Input<?> input, String fallback) throws Refused {
        Object value = effective(input, fallback);
        if (value == null || value.toString().isBlank()) {
            throw new Refused(input + " is required");
        }
        return value.toString();
    }

    private String bucket(Input<?> input, String fallback) throws Refused {
        String name = required(input, fallback);
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            throw new Refused(input + " is not a valid bucket name");
        }
        return name;
    }

    private String key(Input<?> input, String fallback) throws Refused {
        String key = required(input, fallback);
        checkKey(key, input.toString());
        return key;
    }

    private static void checkKey(String key, String what) throws Refused {
        if (key == null || key.isEmpty()) {
            throw new Refused(what + " is empty");
        }
        checkUnicode(key, what);
        if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new Refused(what + " is over 1024 bytes of UTF-8");
        }
        if (hasDotSegment(key)) {
            throw new Refused(what + " has a . or .. segment");
        }
    }

    static boolean hasDotSegment(String key) {
        return Arrays.stream(key.split("/", -1)).anyMatch(s -> s.equals(".") || s.equals(".."));
    }

    private static void checkUnicode(String text, String what) throws Refused {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Refused(what + " has an unpaired surrogate");
            }
        }
    }

    private String acl() throws Refused {
        Object value = effective(Input.ACL, null);
        String acl = value == null || value.toString().isBlank() ? null : value.toString();
        if (acl != null && !OperationInputs.CANNED_ACLS.contains(acl)) {
            throw new Refused("not a canned ACL");
        }
        return acl;
    }

    private void intWithin(Input<Integer> input, int min, int max) throws Refused {
        Integer value = (Integer) effective(input, null);
        if (value != null && (value < min || value > max)) {
            throw new Refused(input + " is out of range");
        }
    }

    private void longWithin(Input<Long> input, long min, long max) throws Refused {
        Long value = (Long) effective(input, null);
        if (value != null && (value < min || value > max)) {
            throw new Refused(input + " is out of range");
        }
    }

    private Long offset(Input<Long> input) throws Refused {
        Long value = (Long) effective(input, null);
        if (value != null && value < 0) {
            throw new Refused(input + " is negative");
        }
        return value;
    }

    /** Metadata: a map of text; names HTTP tokens, values printable US-ASCII, at most 2048 bytes together. */
    private Map<String, String> metadata() throws Refused {
        Map<?, ?> map = (Map<?, ?>) effective(Input.METADATA, null);
        Map<String, String> metadata = new LinkedHashMap<>();
        if (map == null) {
            return metadata;
        }
        int size = 0;
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new Refused("metadata with a null name or value");
            }
            String name = String.valueOf(entry.getKey());
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new Refused("metadata names an entry twice, ignoring case");
            }
            String value = String.valueOf(entry.getValue());
            if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80
                                                              || TOKEN_CHARS.indexOf(c) >= 0)) {
                throw new Refused("a metadata name is not an HTTP token");
            }
            if (!value.chars().allMatch(ContractModel::isPrintableAscii)) {
                throw new Refused("a metadata value is not printable US-ASCII");
            }
            size += name.length() + value.length();
            metadata.put(name, value);
        }
        if (size > 2048) {
            throw new Refused("metadata over 2048 bytes");
        }
        return metadata;
    }

    private static boolean isPrintableAscii(int c) {
        return c >= 0x20 && c <= 0x7e;
    }
}
