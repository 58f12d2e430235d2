package io.trays3.bench;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.trays3.Trays3Constants;
import io.trays3.operation.Trays3Operation;
import io.trays3.support.TestBytes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * One thread of the load run: sends its operations, in a mix drawn from a seeded random, through its own route, and
 * checks every result against what it knows of its own key prefix (no other worker writes there, so every listing,
 * length and ETag is predictable whatever the interleaving of the workers).
 */
final class LoadWorker implements Runnable {

    /** Headers between the worker and its route. */
    static final String OPERATION = "LoadOperation";
    static final String READ = "LoadRead";
    static final String READ_MD5 = "LoadReadMd5";
    static final String READ_SIZE = "LoadReadSize";
    static final String LISTED_KEYS = "LoadListedKeys";

    /** How a getObject body is treated in the route: read to its end, or left unread in one of three ways. */
    enum Read { FULL, DROPPED, PARTIAL, CLOSED }

    private static final int SMALL_KEYS = 12;
    private static final int KIB = 1024;
    private static final Pattern MULTIPART_ETAG = Pattern.compile("[0-9a-f]{32}-[0-9]+");
    private static final String TEXT = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 éü漢字\n";
    /** The canned ACLs S3Proxy implements (it answers 501 to the others). */
    private static final String[] ACLS = {"private", "public-read"};

    /** The mix: what each draw does, by weight (out of their sum, 92). */
    private enum Kind {
        PUT_TEXT(9), PUT_BYTES(6), PUT_FILE(5), PUT_STREAM(4), GET_FULL(14), GET_DROPPED(3), GET_PARTIAL(3), GET_CLOSED(2),
        HEAD(8), LIST(4), LIST_STREAMED(2), LIST_BUCKETS(3), LIST_BUCKETS_DDL(2), LOCATION(3), SIGNED_URL(5), ACL(4),
        DELETE(6), DELETE_MULTIPLE(3), COPY(6);

        private final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    private static final int TOTAL_WEIGHT = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    private record Expected(long size, String md5, String eTag) {
    }

    /** One operation: its row in the table, how the exchange is filled, and the check of the result (null: passed). */
    private record Call(String label, Trays3Operation operation, Processor prepare, Function<Exchange, String> check) {
    }

    private final int id;
    private final String route;
    private final String prefix;
    private final ProducerTemplate template;
    private final int operations;
    private final Path bodyFile;
    private final AtomicLong done;
    private final Random random;
    private final Map<String, Expected> objects = new TreeMap<>();
    private final LoadStats stats = new LoadStats();

    /**
     * @param id     the worker's number, which names its route ({@code direct:load-<id>}) and seeds its random
     * @param prefix the keys it owns; no other worker may write there
     */
    LoadWorker(int id, String prefix, long seed, ProducerTemplate template, int operations, Path work, AtomicLong done) {
        this.id = id;
        this.route = "direct:load-" + id;
        this.prefix = prefix;
        this.template = template;
        this.operations = operations;
        this.bodyFile = work.resolve(prefix.replace("/", "") + "-body.bin");
        this.done = done;
        this.random = new Random(seed + id);
    }

    LoadStats stats() {
        return stats;
    }

    @Override
    public void run() {
        for (int i = 0; i < operations; i++) {
            once(next());
        }
    }

    /** Sends one of each kind (twice over, so the second round finds objects to read): the warm-up before the baseline. */
    void oneOfEach() {
        for (int round = 0; round < 2; round++) {
            for (Kind kind : Kind.values()) {
                once(call(kind));
            }
        }
    }

    private void once(Call call) {
        long start = System.nanoTime();
        Exchange exchange = template.send(route, e -> prepare(call, e));
        long nanos = System.nanoTime() - start;
        String failure;
        if (exchange.getException() != null) {
            failure = describe(exchange.getException());
        } else {
            try {
                failure = call.check().apply(exchange);
            } catch (RuntimeException e) {
                failure = "the check failed: " + describe(e);
            }
        }
        stats.record(call.label(), nanos, failure);
        done.incrementAndGet();
    }

    private static void prepare(Call call, Exchange exchange) throws Exception {
        exchange.getMessage().setHeader(OPERATION, call.operation().name());
        call.prepare().process(exchange);
    }

    private Call next() {
        int draw = random.nextInt(TOTAL_WEIGHT);
        for (Kind kind : Kind.values()) {
            draw -= kind.weight;
            if (draw < 0) {
                return call(kind);
            }
        }
        throw new IllegalStateException("the weights do not add up");
    }

    private Call call(Kind kind) {
        String key = existingKey();
        if (key == null && needsObject(kind)) {
            // nothing stored yet under this worker's prefix: store something first
            return putText();
        }
        return switch (kind) {
            case PUT_TEXT -> putText();
            case PUT_BYTES, PUT_FILE, PUT_STREAM -> putFile(kind);
            case GET_FULL -> get(key, Read.FULL);
            case GET_DROPPED -> get(key, Read.DROPPED);
            case GET_PARTIAL -> get(key, Read.PARTIAL);
            case GET_CLOSED -> get(key, Read.CLOSED);
            case HEAD -> head(key);
            case LIST -> list(false);
            case LIST_STREAMED -> list(true);
            case LIST_BUCKETS -> new Call("listBuckets", Trays3Operation.listBuckets, e -> { },
                    e -> names(e, "Buckets", "Name"));
            case LIST_BUCKETS_DDL -> new Call("listBucketsDdl", Trays3Operation.listBucketsDdl, e -> { },
                    e -> names(e, "result", "value"));
            case LOCATION -> new Call("getBucketLocation", Trays3Operation.getBucketLocation, e -> { },
                    e -> expect("region", "us-east-1", body(e).get("result")));
            case SIGNED_URL -> signedUrl();
            case ACL -> acl(key);
            case DELETE -> delete(random.nextInt(10) == 0 ? prefix + "never-stored" : key);
            case DELETE_MULTIPLE -> deleteMultiple();
            case COPY -> copy(key);
        };
    }

    private static boolean needsObject(Kind kind) {
        return switch (kind) {
            case GET_FULL, GET_DROPPED, GET_PARTIAL, GET_CLOSED, HEAD, ACL, DELETE, DELETE_MULTIPLE, COPY -> true;
            default -> false;
        };
    }

    // --- the operations ----------------------------------------------------------------------------------------

    private Call putText() {
        String key = smallKey();
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 0 : random.nextInt(4 * KIB + 1);
        for (int i = 0; i < length; i++) {
            text.append(TEXT.charAt(random.nextInt(TEXT.length())));
        }
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        return new Call("putObjectText", Trays3Operation.putObjectText, e -> {
            e.getMessage().setHeader(Trays3Constants.KEY, key);
            e.getMessage().setBody(text.toString());
        }, e -> stored(e, key, utf8, false));
    }

    /** 0 B to 8 MiB, mostly small: sizes above 1 MiB go to the worker's one large key, so the server holds little. */
    private Call putFile(Kind kind) {
        int size = fileSize();
        String key = size > 1024 * KIB ? prefix + "big" : smallKey();
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        // a stream of 8 MiB or more goes multipart (its ETag is then not the MD5 of the content)
        boolean multipart = kind == Kind.PUT_STREAM && size >= 8 * 1024 * KIB;
        String label = switch (kind) {
            case PUT_BYTES -> "putObjectFile byte[]";
            case PUT_FILE -> "putObjectFile File";
            default -> "putObjectFile InputStream";
        };
        // the file is written here, before the clock starts: its time is not the upload's
        File file = kind == Kind.PUT_FILE ? write(bytes) : null;
        return new Call(label, Trays3Operation.putObjectFile, e -> {
            e.getMessage().setHeader(Trays3Constants.KEY, key);
            e.getMessage().setBody(switch (kind) {
                case PUT_BYTES -> bytes;
                case PUT_FILE -> file;
                default -> new ByteArrayInputStream(bytes);
            });
        }, e -> stored(e, key, bytes, multipart));
    }

    private int fileSize() {
        int draw = random.nextInt(100);
        if (draw < 4) {
            return 0;
        } else if (draw < 74) {
            return 1 + random.nextInt(16 * KIB);
        } else if (draw < 94) {
            return 16 * KIB + random.nextInt(240 * KIB);
        } else if (draw < 99) {
            return 256 * KIB + random.nextInt(768 * KIB);
        }
        // 1 %: large, half of them the 8 MiB ceiling
        return random.nextBoolean() ? 8 * 1024 * KIB : 1024 * KIB + 1 + random.nextInt(7 * 1024 * KIB);
    }

    private File write(byte[] bytes) {
        try {
            return Files.write(bodyFile, bytes).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String stored(Exchange exchange, String key, byte[] content, boolean multipart) {
        Map<String, Object> result = body(exchange);
        String md5 = md5(content);
        String eTag = unquoted(result.get("ETag"));
        String failure = expect("Key", key, result.get("Key"));
        if (failure == null && !(multipart ? MULTIPART_ETAG.matcher(eTag).matches() : md5.equals(eTag))) {
            failure = "ETag " + eTag + " for " + content.length + " bytes whose MD5 is " + md5
                      + (multipart ? " (multipart)" : "");
        }
        objects.put(key, new Expected(content.length, md5, eTag));
        stats.up(content.length);
        return failure;
    }

    private Call get(String key, Read read) {
        Expected expected = objects.get(key);
        String label = read == Read.FULL ? "getObject, read" : "getObject, unread (" + read.name().toLowerCase() + ")";
        return new Call(label, Trays3Operation.getObject, e -> {
            e.getMessage().setHeader(Trays3Constants.KEY, key);
            e.getMessage().setHeader(READ, read);
        }, e -> {
            Message message = e.getMessage();
            String failure = expect("ETag", expected.eTag(), unquoted(message.getHeader(Trays3Constants.E_TAG)));
            if (failure == null) {
                failure = expect("length", expected.size(), message.getHeader(Trays3Constants.CONTENT_LENGTH, Long.class));
            }
            if (failure == null && read == Read.FULL) {
                stats.down(expected.size());
                failure = expect("bytes read", expected.size(), message.getHeader(READ_SIZE, Long.class));
                failure = failure != null ? failure : expect("MD5 of the content", expected.md5(), message.getHeader(READ_MD5));
            }
            return failure;
        });
    }

    private Call head(String key) {
        Expected expected = objects.get(key);
        return new Call("headObject", Trays3Operation.headObject, e -> e.getMessage().setHeader(Trays3Constants.KEY, key), e -> {
            Map<String, Object> result = body(e);
            String failure = expect("ETag", expected.eTag(), unquoted(result.get("ETag")));
            long length = ((Number) result.get("ContentLength")).longValue();
            return failure != null ? failure : expect("ContentLength", expected.size(), length);
        });
    }

    @SuppressWarnings("unchecked")
    private Call list(boolean streamed) {
        return new Call(streamed ? "listBucketObjects streamed" : "listBucketObjects", Trays3Operation.listBucketObjects, e -> {
            e.getMessage().setHeader(Trays3Constants.PREFIX, prefix);
            e.getMessage().setHeader(Trays3Constants.STREAMED, streamed);
        }, e -> {
            List<String> keys = new ArrayList<>();
            if (streamed) {
                keys.addAll(e.getMessage().getHeader(LISTED_KEYS, List.class));
            } else {
                for (Map<String, Object> entry : (List<Map<String, Object>>) body(e).get("Contents")) {
                    String key = (String) entry.get("Key");
                    keys.add(key);
                    Expected expected = objects.get(key);
                    if (expected != null && expected.size() != ((Number) entry.get("Size")).longValue()) {
                        return "listed " + key + " with Size " + entry.get("Size") + ", stored " + expected.size();
                    }
                }
            }
            return expect("keys", new ArrayList<>(objects.keySet()), keys);
        });
    }

    @SuppressWarnings("unchecked")
    private static String names(Exchange exchange, String list, String field) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) body(exchange).get(list);
        return entries.stream().anyMatch(b -> LoadRun.BUCKET.equals(b.get(field))) ? null
                : "the bucket " + LoadRun.BUCKET + " is not among " + entries;
    }

    @SuppressWarnings("unchecked")
    private Call signedUrl() {
        String key = smallKey();
        String method = random.nextInt(5) == 0 ? "PUT" : "GET";
        return new Call("getObjectSignedUrl", Trays3Operation.getObjectSignedUrl, e -> {
            e.getMessage().setHeader(Trays3Constants.KEY, key);
            e.getMessage().setHeader(Trays3Constants.HTTP_METHOD, method);
            e.getMessage().setHeader(Trays3Constants.EXPIRES_SECONDS, 60 + random.nextInt(3600));
        }, e -> {
            Map<String, Object> file = (Map<String, Object>) body(e).get("file");
            String url = String.valueOf(file.get("url"));
            boolean good = url.contains("/" + LoadRun.BUCKET + "/" + key + "?") && url.contains("X-Amz-Signature=");
            return good ? expect("name", key.substring(key.lastIndexOf('/') + 1), file.get("name"))
                    : "the URL " + url.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=...") + " is not signed for "
                      + key;
        });
    }

    private Call acl(String key) {
        String acl = ACLS[random.nextInt(ACLS.length)];
        return new Call("putObjectAcl", Trays3Operation.putObjectAcl, e -> {
            e.getMessage().setHeader(Trays3Constants.KEY, key);
            e.getMessage().setHeader(Trays3Constants.ACL, acl);
        }, e -> expect("success", true, body(e).get("success")));
    }

    private Call delete(String key) {
        return new Call("deleteObject", Trays3Operation.deleteObject, e -> e.getMessage().setHeader(Trays3Constants.KEY, key),
            e -> {
                objects.remove(key);
                return expect("success", true, body(e).get("success"));
            });
    }

    @SuppressWarnings("unchecked")
    private Call deleteMultiple() {
        List<String> keys = new ArrayList<>();
        int wanted = 1 + random.nextInt(4);
        for (int i = 0; i < wanted; i++) {
            String key = existingKey();
            if (key != null && !keys.contains(key)) {
                keys.add(key);
            }
        }
        if (random.nextInt(3) == 0) {
            keys.add(prefix + "never-stored");
        }
        return new Call("deleteMultipleObjects", Trays3Operation.deleteMultipleObjects, e -> e.getMessage().setBody(keys), e -> {
            Map<String, Object> result = body(e);
            keys.forEach(objects::remove);
            List<Object> deleted = ((List<Map<String, Object>>) result.get("Deleted")).stream().map(d -> d.get("Key")).toList();
            String failure = expect("Errors", List.of(), result.get("Errors"));
            return failure != null ? failure : expect("Deleted", keys, deleted);
        });
    }

    private Call copy(String source) {
        Expected expected = objects.get(source);
        String big = prefix + "big";
        String destination;
        if (source.equals(big) || source.equals(big + "copy")) {
            destination = source.equals(big) ? big + "copy" : big;
        } else {
            String key;
            do {
                key = smallKey();
            } while (key.equals(source));
            destination = key;
        }
        return new Call("copyObject", Trays3Operation.copyObject, e -> {
            e.getMessage().setHeader(Trays3Constants.KEY, source);
            e.getMessage().setHeader(Trays3Constants.DESTINATION_KEY, destination);
        }, e -> {
            Map<String, Object> result = body(e);
            String eTag = unquoted(result.get("ETag"));
            objects.put(destination, new Expected(expected.size(), expected.md5(), eTag));
            String failure = expect("Key", destination, result.get("Key"));
            return failure != null || eTag.equals(expected.md5()) || eTag.equals(expected.eTag()) ? failure
                    : "the copy's ETag " + eTag + " is neither the source's " + expected.eTag() + " nor its MD5";
        });
    }

    // --- keys and helpers --------------------------------------------------------------------------------------

    private String smallKey() {
        return prefix + "k" + random.nextInt(SMALL_KEYS);
    }

    /** A key this worker stored, mostly a small one: a large one 1 time in 100 (they cost up to 8 MiB a read). */
    private String existingKey() {
        List<String> small = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (String key : objects.keySet()) {
            (objects.get(key).size() > 1024 * KIB ? large : small).add(key);
        }
        if (!large.isEmpty() && (small.isEmpty() || random.nextInt(100) == 0)) {
            return large.get(random.nextInt(large.size()));
        }
        return small.isEmpty() ? null : small.get(random.nextInt(small.size()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Exchange exchange) {
        return exchange.getMessage().getBody(Map.class);
    }

    private static String expect(String what, Object expected, Object actual) {
        return expected.equals(actual) ? null : what + " was " + actual + ", expected " + expected;
    }

    private static String unquoted(Object eTag) {
        return eTag == null ? "" : eTag.toString().replace("\"", "");
    }

    static String md5(byte[] content) {
        return TestBytes.md5(content);
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    @Override
    public String toString() {
        return "LoadWorker[" + id + ", " + route + "]";
    }
}
