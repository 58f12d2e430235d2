package io.trays3.operation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.trays3.Trays3InvalidInputException;

/**
 * Strict conversions of raw input values (message headers, fields of a body) to an input's Java type: a value is taken
 * when it means exactly one value of that type, and refused otherwise, before any request. Nothing is rounded, truncated,
 * wrapped or rendered with {@code toString()} of a structure:
 * <ul>
 * <li>text ({@code String} inputs): a {@link CharSequence}, a {@link Number}, a {@link Boolean} or an {@link Enum}, as
 *     {@link String#valueOf(Object)} renders it (for an enum that is its {@code toString()}, not its {@code name()}, so
 *     an SDK enum such as {@code ObjectCannedACL.PUBLIC_READ} gives S3's {@code public-read}); anything else (a
 *     {@code Map}, a {@code List}, an array, {@code byte[]}, a {@code Date}, a {@code Character}...) is refused;</li>
 * <li>whole numbers ({@code Integer} and {@code Long} inputs): an {@code Integer}, {@code Long}, {@code Short},
 *     {@code Byte}, {@code BigInteger}, {@code BigDecimal}, {@code Double} or {@code Float} whose value is integral and
 *     fits the type ({@code 2.0} is 2; {@code 2.9}, NaN and infinities are refused), or text that, trimmed, is an
 *     optional sign and ASCII digits ({@code " 25 "} is 25; {@code "2.9"}, {@code "2.0"}, {@code "1e3"}, {@code ""} are
 *     refused); other {@code Number} types are refused;</li>
 * <li>booleans: a {@code Boolean}, or the text {@code true} or {@code false} (any case, trimmed);</li>
 * <li>maps (the metadata input): a {@code Map} whose names and values are text as above (null names and values are left
 *     to the caller, which says so).</li>
 * </ul>
 * Refusals are made by the caller's {@link Refusal} ({@link OperationInputs#invalid}), which names the operation.
 */
final class InputValues {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final String TEXT_ALLOWED = "allowed: text (a CharSequence, Number, Boolean or enum)";
    private static final String BOOLEAN_ALLOWED = "allowed: a Boolean, or the text true or false";
    private static final int MAX_LONG_DIGITS = 19;

    /** Makes the exception for a refused value: where it came from, the value, what is wrong and what is allowed. */
    @FunctionalInterface
    interface Refusal {

        /** The exception to throw. */
        Trays3InvalidInputException refuse(String source, Object value, String problem);
    }

    private InputValues() {
    }

    /**
     * The raw value as the input type wants it: {@code String}, {@code Integer}, {@code Long}, {@code Boolean} or
     * {@code Map}; null stays null.
     *
     * @throws Trays3InvalidInputException made by {@code refusal} when the value does not fit the type
     * @throws IllegalArgumentException    for a type that has no strict conversion (a programming error)
     */
    static <T> T convert(Object raw, Class<T> type, String source, Refusal refusal) {
        if (raw == null) {
            return null;
        }
        if (type == String.class) {
            return type.cast(text(raw, source, refusal));
        }
        if (type == Integer.class) {
            return type.cast(wholeInt(raw, source, refusal));
        }
        if (type == Long.class) {
            return type.cast(wholeLong(raw, source, refusal));
        }
        if (type == Boolean.class) {
            return type.cast(bool(raw, source, refusal));
        }
        if (type == Map.class) {
            return type.cast(map(raw, source, refusal));
        }
        throw new IllegalArgumentException("no strict conversion to " + type.getName() + " for " + source);
    }

    /** Text: a CharSequence, Number, Boolean or enum (its {@code toString()}); null stays null. */
    static String text(Object raw, String source, Refusal refusal) {
        if (raw == null) {
            return null;
        }
        if (isText(raw)) {
            return String.valueOf(raw);
        }
        throw refusal.refuse(source, raw, "is " + a(raw) + ", not text; " + TEXT_ALLOWED);
    }

    /** A whole number in int range; null stays null. */
    static Integer wholeInt(Object raw, String source, Refusal refusal) {
        Long value = whole(raw, "int", Integer.MIN_VALUE, Integer.MAX_VALUE, source, refusal);
        return value == null ? null : value.intValue();
    }

    /** A whole number in long range; null stays null. */
    static Long wholeLong(Object raw, String source, Refusal refusal) {
        return whole(raw, "long", Long.MIN_VALUE, Long.MAX_VALUE, source, refusal);
    }

    /** A Boolean, or the text true or false (any case, trimmed); null stays null. */
    static Boolean bool(Object raw, String source, Refusal refusal) {
        if (raw == null || raw instanceof Boolean) {
            return (Boolean) raw;
        }
        if (raw instanceof CharSequence chars) {
            String text = chars.toString().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
            throw refusal.refuse(source, raw, "is " + a(raw) + " that is not true or false; " + BOOLEAN_ALLOWED);
        }
        throw refusal.refuse(source, raw, "is " + a(raw) + ", not a boolean; " + BOOLEAN_ALLOWED);
    }

    /** A Map whose non-null names and values are text; null stays null. */
    static Map<?, ?> map(Object raw, String source, Refusal refusal) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw refusal.refuse(source, raw, "is " + a(raw) + ", not a Map; allowed: a java.util.Map of names to text"
                                              + " values");
        }
        map.forEach((name, value) -> {
            if (name != null && !isText(name)) {
                throw refusal.refuse(source, raw, "has a name that is " + a(name) + ", not text; " + TEXT_ALLOWED);
            }
            if (value != null && !isText(value)) {
                throw refusal.refuse(source, raw, "has a value for '" + name + "' that is " + a(value) + ", not text; "
                                                  + TEXT_ALLOWED);
            }
        });
        return map;
    }

    /**
     * Refuses text that is not valid Unicode: an unpaired UTF-16 surrogate. That is exactly the text that cannot
     * round-trip through UTF-8 (Java's encoder would send {@code ?} in its place, another key).
     */
    static void checkUnicode(String value, String source, Refusal refusal) {
        int index = unpairedSurrogate(value);
        if (index >= 0) {
            throw refusal.refuse(source, value, "has an unpaired surrogate at index " + index
                                                + "; allowed: valid Unicode text");
        }
    }

    /** The index of the first unpaired UTF-16 surrogate of the text, or -1 (also for null). */
    static int unpairedSurrogate(CharSequence value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isText(Object raw) {
        return raw instanceof CharSequence || raw instanceof Number || raw instanceof Boolean || raw instanceof Enum<?>;
    }

    private static Long whole(Object raw, String kind, long min, long max, String source, Refusal refusal) {
        if (raw == null) {
            return null;
        }
        String allowed = "; allowed: a whole number (" + kind + ")";
        BigDecimal exact;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            exact = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger big) {
            exact = new BigDecimal(big);
        } else if (raw instanceof BigDecimal decimal) {
            exact = decimal;
        } else if (raw instanceof Double || raw instanceof Float) {
            double number = ((Number) raw).doubleValue();
            if (!Double.isFinite(number)) {
                throw refusal.refuse(source, raw, "is " + a(raw) + " that is not a finite number" + allowed);
            }
            // exact: every finite double (and float) is a BigDecimal without rounding
            exact = new BigDecimal(number);
        } else if (raw instanceof CharSequence chars) {
            String text = chars.toString().trim();
            if (!WHOLE_NUMBER.matcher(text).matches()) {
                throw refusal.refuse(source, raw, "is " + a(raw) + " that is not a whole number" + allowed);
            }
            try {
                // linear, and it stops at the first digit too many
                exact = BigDecimal.valueOf(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw refusal.refuse(source, raw, "is " + a(raw) + " outside the " + kind + " range" + allowed);
            }
        } else if (raw instanceof Number) {
            throw refusal.refuse(source, raw, "is " + a(raw) + ", not one of Integer, Long, Short, Byte, BigInteger,"
                                              + " BigDecimal, Double, Float or text" + allowed);
        } else {
            throw refusal.refuse(source, raw, "is " + a(raw) + ", not a number" + allowed);
        }
        if (exact.scale() > 0 && exact.stripTrailingZeros().scale() > 0) {
            throw refusal.refuse(source, raw, "is " + a(raw) + " with a fraction" + allowed);
        }
        // the digit count first, so that 1E+999999999 is not expanded to find out it is too large
        boolean fits = exact.signum() == 0 || (long) exact.precision() - exact.scale() <= MAX_LONG_DIGITS;
        long value = 0;
        try {
            value = fits ? exact.longValueExact() : 0;
        } catch (ArithmeticException e) {
            fits = false;
        }
        if (!fits || value < min || value > max) {
            throw refusal.refuse(source, raw, "is " + a(raw) + " outside the " + kind + " range" + allowed);
        }
        return value;
    }

    /** "a java.lang.Double", "an int[]": the value's type for a message. */
    private static String a(Object raw) {
        String type = raw.getClass().getTypeName();
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
