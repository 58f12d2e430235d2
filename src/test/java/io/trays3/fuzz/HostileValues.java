package io.trays3.fuzz;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * Random values of the classes the hostile-input suite feeds the operations: text of awkward fragments (control
 * characters, CR/LF, unpaired surrogates, dot segments, percent signs, Camel expressions), keys at and over the size
 * limit, bucket names, numbers of every Java type and absurd size, booleans, metadata maps, and values of unrelated types.
 */
final class HostileValues {

    /** Fragments text is made of; each is awkward somewhere (a URI, a header, a signature, UTF-8, XML). */
    static final List<String> FRAGMENTS = List.of(
            "", " ", "a", "reports", "file.txt", "/", "//", ".", "..", "../", "./", "a/../b", "a/./b", "...", ".hidden",
            "\r\n", "\r", "\n", "\t", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\uD800", "\uDC00",
            "\uD83D\uDE00", "\u00e9", "\u043a\u043b\u044e\u0447", "\u952e", "%2e%2e", "%00", "%", "%25", "+", "&", "=", "?",
            "#", "\\", "..\\", "${header.x}", "RAW(", ")", "}", "'", "\"", "<x>", "&amp;", "x-amz-meta-", "\uFEFF",
            "\uFFFF", "\u200B", ":", ";", ",", "*", "~", "|");
    /**
     * Fragments a URI option written as RAW(...) can hold as it is: Camel takes no ')' there, and java.net.URI no space,
     * control character, lone surrogate or other character it would have to escape (Camel does not escape inside RAW).
     */
    private static final List<String> URI_FRAGMENTS = FRAGMENTS.stream()
            .filter(f -> !f.isEmpty() && f.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()%#|{}[]\\^`<>\"".indexOf(c) < 0
                                                                 || Character.isLetter(c)))
            .toList();
    static final List<String> VALID_BUCKETS = List.of("stub-bucket", "abc", "a.b-c", "reports-2026", "x".repeat(63));
    static final List<String> INVALID_BUCKETS = List.of("AB", "ab", "a..b", "192.168.1.1", "-ab", "ab-", "x".repeat(64),
            "bucket/../x", "b_c", "caf\u00e9", "a b c", ".abc", "abc.");
    static final List<String> ACLS = List.of("private", "public-read", "public-read-write", "authenticated-read",
            "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control", "PRIVATE", " private", "world-readable",
            "log-delivery-write", "");
    /** Numbers at the edges of the ranges the inputs take, and beyond any range. */
    static final long[] EDGES = {0, 1, -1, 2, 5, 999, 1000, 1001, 64, 65, 3600, 604_800, 604_801, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_297L, 10_000_000_000L};

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** One to four fragments. */
    String text() {
        StringBuilder text = new StringBuilder();
        int parts = 1 + below(4);
        for (int i = 0; i < parts; i++) {
            text.append(pick(FRAGMENTS));
        }
        return text.toString();
    }

    /** Text a URI option can carry inside RAW(...). */
    String uriText() {
        StringBuilder text = new StringBuilder();
        int parts = 1 + below(3);
        for (int i = 0; i < parts; i++) {
            text.append(pick(URI_FRAGMENTS));
        }
        return text.toString();
    }

    /** An object key: usually plain, else hostile text, exactly at or over 1024 bytes of UTF-8, or huge. */
    String key() {
        int kind = below(10);
        if (kind < 4) {
            return plainKey();
        }
        if (kind < 8) {
            return text();
        }
        if (kind < 9) {
            return sized(pick(1023, 1024, 1025));
        }
        return "k".repeat(pick(2048, 100_000));
    }

    /** A key S3 takes, though some of its characters need escaping. */
    String plainKey() {
        return pick("k", "dir/file.txt", "a b/c+d=e&f.txt", "\u00e9t\u00e9/\u952e.txt", "/leading", "trailing/", "a//b", "...",
                    ".hidden/x", "x.", "..x/y..", "tab\there", "\uD83D\uDE00", "100%", "q?x=1#f", sized(1024));
    }

    /** A key of exactly this many bytes of UTF-8, of one-, two- or four-byte characters (one-byte ones to fill up). */
    String sized(int bytes) {
        String unit = pick("a", "\u00e9", "\uD83D\uDE00");
        int unitBytes = unit.equals("a") ? 1 : unit.length() == 1 ? 2 : 4;
        return unit.repeat(bytes / unitBytes) + "a".repeat(bytes % unitBytes);
    }

    /** A key a URI option can carry. */
    String uriKey() {
        return chance(0.5) ? pick("k", "dir/file.txt", "a+b/c=d&e.txt", "\u00e9t\u00e9.txt", "/leading", "a//b")
                : chance(0.1) ? "u".repeat(pick(1024, 1025)) : uriText();
    }

    String bucket() {
        return chance(0.8) ? pick(VALID_BUCKETS) : pick(INVALID_BUCKETS);
    }

    /** A whole number as one of the Java types a header may hold, or as text, fitting or not. */
    Object number() {
        long edge = EDGES[below(EDGES.length)];
        return switch (below(16)) {
            case 0 -> (int) edge;
            case 1 -> edge;
            case 2 -> (short) edge;
            case 3 -> (byte) edge;
            case 4 -> BigInteger.valueOf(edge).multiply(BigInteger.valueOf(pick(1L, 1L, 1_000_000_007L)));
            case 5 -> pick(BigDecimal.valueOf(edge), new BigDecimal(edge + ".0"), new BigDecimal(edge + ".5"),
                           new BigDecimal("1E+3"), new BigDecimal("1E+999999999"), new BigDecimal("0E-10"),
                           new BigDecimal("-0.000"));
            case 6 -> pick((double) edge, edge + 0.9, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e19, 2.0);
            case 7 -> pick((float) edge, 2.5f, Float.NaN);
            case 8 -> new AtomicLong(edge);
            case 9 -> " " + edge + " ";
            case 10 -> pick("2.9", "2.0", "1e3", "", " ", "+5", "-0", "99999999999999999999", "0x10", "\u0663", "5 5", "abc");
            default -> String.valueOf(edge);
        };
    }

    /** A boolean as a header may hold it, or something close to one. */
    Object bool() {
        return pick(Boolean.TRUE, Boolean.FALSE, "true", "false", " TRUE ", "False", "yes", "1", 1, 0, "", "t",
                    new StringBuilder("true"));
    }

    /** A value of any Java type a header may be given. */
    Object anything() {
        return switch (below(22)) {
            case 0, 1, 2 -> text();
            case 3 -> new StringBuilder(text());
            case 4 -> number();
            case 5 -> bool();
            case 6 -> text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            case 7 -> new int[] {1, 2};
            case 8 -> List.of(text(), "b");
            case 9 -> Map.of("a", text());
            case 10 -> new Date(0);
            case 11 -> Instant.EPOCH;
            case 12 -> pick(ObjectCannedACL.PUBLIC_READ, TimeUnit.SECONDS, Thread.State.NEW);
            case 13 -> new Custom(text());
            case 14 -> 'x';
            case 15 -> Optional.of("x");
            case 16 -> UUID.nameUUIDFromBytes(new byte[] {1});
            case 17 -> new Object[] {"a"};
            case 18 -> (CharSequence) new Chars(text());
            case 19 -> pick(VALID_BUCKETS);
            case 20 -> key();
            default -> "";
        };
    }

    /** User metadata: names and values of every kind, sometimes over 2 KB, sometimes not a map at all. */
    Object metadata() {
        if (chance(0.08)) {
            return pick("a=b", List.of("a"), 5, new StringBuilder("x"));
        }
        Map<Object, Object> map = chance(0.3) ? new HashMap<>() : chance(0.5) ? new LinkedHashMap<>() : new TreeMap<>();
        boolean nullable = !(map instanceof TreeMap);
        int entries = below(5);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            Object name = chance(0.7) ? pick("owner", "Owner-Id", "x_y", "a.b", "!#$%&'*+-.^_`|~", "n" + i, "ABC", "abc", "OWNER")
                    : chance(0.8) ? text() : chance(0.5) && nullable ? null : (Object) (i + 10);
            if (!nullable) {
                // a TreeMap compares its names: all of one type
                name = String.valueOf(name);
            }
            String asText = String.valueOf(name);
            if (names.stream().anyMatch(n -> n.equals(asText))) {
                continue;
            }
            names.add(asText);
            Object value = chance(0.6) ? pick("v", "a b c", "~!@#$%^&*()", "", "x".repeat(pick(100, 1000, 2040, 2046)))
                    : chance(0.7) ? text() : chance(0.3) && nullable ? null : anything();
            map.put(name, value);
        }
        return map;
    }

    /** An InputStream of these bytes, or one that fails part way. */
    InputStream stream(byte[] bytes, boolean failing) {
        if (!failing) {
            return new ByteArrayInputStream(bytes);
        }
        return new InputStream() {
            private int left = bytes.length;

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("the disk went away");
                }
                return 'x';
            }
        };
    }

    /** An object of a type no input takes, whose toString() looks like a fine value. */
    record Custom(String text) {
        @Override
        public String toString() {
            return "stub-bucket";
        }
    }

    /** A CharSequence that is not a String. */
    record Chars(String text) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
