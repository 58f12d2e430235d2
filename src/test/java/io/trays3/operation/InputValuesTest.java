package io.trays3.operation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.trays3.Trays3InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Strict conversions of header values: each accepted type, and every refusal naming source, value and what is allowed. */
class InputValuesTest {

    private static final String SOURCE = "header CamelTrays3Test";
    /** Refusals made as the producers make them: through OperationInputs.invalid. */
    private static final InputValues.Refusal REFUSAL =
            new OperationInputs(Trays3Operation.listBucketObjects, null, null, Set.of())::invalid;

    private static Trays3InvalidInputException refusal(Object raw, Class<?> type) {
        Trays3InvalidInputException e = catchThrowableOfType(Trays3InvalidInputException.class,
                                                             () -> InputValues.convert(raw, type, SOURCE, REFUSAL));
        assertThat(e).as("%s (%s) as %s", raw, raw == null ? null : raw.getClass().getName(), type.getSimpleName())
                .isNotNull();
        assertThat(e.getInput()).isEqualTo(SOURCE);
        assertThat(e.getValue()).isEqualTo(String.valueOf(raw));
        assertThat(e).hasMessageStartingWith("trays3 listBucketObjects: " + SOURCE + " value '" + raw + "' ");
        return e;
    }

    @Test
    void nullStaysNullForEveryType() {
        for (Class<?> type : List.of(String.class, Integer.class, Long.class, Boolean.class, Map.class)) {
            assertThat(InputValues.convert(null, type, SOURCE, REFUSAL)).isNull();
        }
    }

    @Test
    void aTypeWithoutStrictConversionIsAProgrammingError() {
        assertThatThrownBy(() -> InputValues.convert("x", Date.class, SOURCE, REFUSAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.Date");
    }

    // --- text

    static Stream<Arguments> acceptedText() {
        return Stream.of(
                arguments("reports/q1.csv", "reports/q1.csv"),
                arguments(new StringBuilder("built"), "built"),
                arguments(42, "42"),
                arguments(7L, "7"),
                arguments(2.5, "2.5"),
                arguments(new BigDecimal("12.50"), "12.50"),
                arguments(true, "true"),
                // an enum as its toString(): S3's wire value for the SDK's enums, the name for plain ones
                arguments(ObjectCannedACL.PUBLIC_READ, "public-read"),
                arguments(DayOfWeek.MONDAY, "MONDAY"));
    }

    @ParameterizedTest
    @MethodSource("acceptedText")
    void textAcceptsCharSequencesNumbersBooleansAndEnums(Object raw, String expected) {
        assertThat(InputValues.convert(raw, String.class, SOURCE, REFUSAL)).isEqualTo(expected);
    }

    static Stream<Arguments> refusedText() {
        return Stream.of(
                arguments(Map.of("a", "b"), "java.util.ImmutableCollections$Map1"),
                arguments(new HashMap<>(Map.of("a", "b")), "java.util.HashMap"),
                arguments(List.of("a"), "java.util.ImmutableCollections$List12"),
                arguments(new String[] {"a"}, "java.lang.String[]"),
                arguments(new byte[] {97}, "byte[]"),
                arguments(new Object(), "java.lang.Object"),
                arguments(new Date(0), "java.util.Date"),
                arguments('c', "java.lang.Character"),
                arguments(Optional.of("a"), "java.util.Optional"));
    }

    @ParameterizedTest
    @MethodSource("refusedText")
    void textRefusesEverythingElse(Object raw, String typeName) {
        assertThat(refusal(raw, String.class))
                .hasMessageEndingWith("is a " + typeName + ", not text; allowed: text (a CharSequence, Number, Boolean or"
                                      + " enum)");
    }

    // --- whole numbers

    static Stream<Arguments> acceptedInts() {
        return Stream.of(
                arguments(5, 5), arguments((short) 5, 5), arguments((byte) 5, 5), arguments(5L, 5),
                arguments(BigInteger.valueOf(5), 5), arguments(new BigDecimal("5"), 5), arguments(new BigDecimal("5.000"), 5),
                arguments(new BigDecimal("1E+3"), 1000), arguments(2.0, 2), arguments(2.0f, 2), arguments(-0.0, 0),
                arguments((long) Integer.MAX_VALUE, Integer.MAX_VALUE), arguments((double) Integer.MIN_VALUE, Integer.MIN_VALUE),
                arguments("25", 25), arguments(" 25\t", 25), arguments("+5", 5), arguments("-5", -5), arguments("007", 7),
                arguments("2147483647", Integer.MAX_VALUE), arguments(new StringBuilder("12"), 12));
    }

    @ParameterizedTest
    @MethodSource("acceptedInts")
    void intsAcceptExactWholeValuesInIntRange(Object raw, int expected) {
        assertThat(InputValues.convert(raw, Integer.class, SOURCE, REFUSAL)).isEqualTo(expected);
    }

    static Stream<Arguments> refusedInts() {
        return Stream.of(
                arguments(2.9, "a java.lang.Double with a fraction"),
                arguments(2.9f, "a java.lang.Float with a fraction"),
                arguments(1.0000001, "a java.lang.Double with a fraction"),
                arguments(new BigDecimal("2.5"), "a java.math.BigDecimal with a fraction"),
                arguments(new BigDecimal("1E-999999999"), "a java.math.BigDecimal with a fraction"),
                arguments(4294967297L, "a java.lang.Long outside the int range"),
                arguments(2147483648L, "a java.lang.Long outside the int range"),
                arguments(-2147483649L, "a java.lang.Long outside the int range"),
                arguments(1e10, "a java.lang.Double outside the int range"),
                arguments(BigInteger.TWO.pow(100), "a java.math.BigInteger outside the int range"),
                arguments(new BigDecimal("1E+999999999"), "a java.math.BigDecimal outside the int range"),
                arguments(Double.NaN, "a java.lang.Double that is not a finite number"),
                arguments(Double.POSITIVE_INFINITY, "a java.lang.Double that is not a finite number"),
                arguments(Float.NEGATIVE_INFINITY, "a java.lang.Float that is not a finite number"),
                arguments("2.9", "a java.lang.String that is not a whole number"),
                arguments("2.0", "a java.lang.String that is not a whole number"),
                arguments("", "a java.lang.String that is not a whole number"),
                arguments("   ", "a java.lang.String that is not a whole number"),
                arguments("12abc", "a java.lang.String that is not a whole number"),
                arguments("1e3", "a java.lang.String that is not a whole number"),
                arguments("0x10", "a java.lang.String that is not a whole number"),
                arguments("--5", "a java.lang.String that is not a whole number"),
                arguments("\u0665", "a java.lang.String that is not a whole number"),
                arguments("4294967297", "a java.lang.String outside the int range"),
                arguments("99999999999999999999999", "a java.lang.String outside the int range"),
                arguments(new AtomicInteger(5), "a java.util.concurrent.atomic.AtomicInteger, not one of Integer, Long,"
                                                + " Short, Byte, BigInteger, BigDecimal, Double, Float or text"),
                arguments(true, "a java.lang.Boolean, not a number"),
                arguments(Map.of("a", 1), "a java.util.ImmutableCollections$Map1, not a number"),
                arguments(List.of(5), "a java.util.ImmutableCollections$List12, not a number"),
                arguments(new int[] {5}, "an int[], not a number"));
    }

    @ParameterizedTest
    @MethodSource("refusedInts")
    void intsRefuseFractionsOutOfRangeValuesAndOtherTypes(Object raw, String problem) {
        assertThat(refusal(raw, Integer.class)).hasMessageEndingWith("is " + problem + "; allowed: a whole number (int)");
    }

    static Stream<Arguments> acceptedLongs() {
        return Stream.of(
                arguments(4294967297L, 4294967297L), arguments(5, 5L), arguments(Long.MAX_VALUE, Long.MAX_VALUE),
                arguments(BigInteger.valueOf(Long.MIN_VALUE), Long.MIN_VALUE), arguments(1.0e15, 1_000_000_000_000_000L),
                arguments(new BigDecimal("9223372036854775807.00"), Long.MAX_VALUE),
                arguments("9223372036854775807", Long.MAX_VALUE), arguments(" -9223372036854775808 ", Long.MIN_VALUE),
                arguments("0", 0L));
    }

    @ParameterizedTest
    @MethodSource("acceptedLongs")
    void longsAcceptExactWholeValuesInLongRange(Object raw, long expected) {
        assertThat(InputValues.convert(raw, Long.class, SOURCE, REFUSAL)).isEqualTo(expected);
    }

    static Stream<Arguments> refusedLongs() {
        return Stream.of(
                arguments(1.9, "a java.lang.Double with a fraction"),
                arguments(new BigDecimal("0.5"), "a java.math.BigDecimal with a fraction"),
                arguments(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), "a java.math.BigInteger outside the long"
                                                                                  + " range"),
                arguments(new BigDecimal("-9223372036854775809"), "a java.math.BigDecimal outside the long range"),
                // 2^63: the double nearest to Long.MAX_VALUE is one past it
                arguments((double) Long.MAX_VALUE, "a java.lang.Double outside the long range"),
                arguments(1e300, "a java.lang.Double outside the long range"),
                arguments(Double.NaN, "a java.lang.Double that is not a finite number"),
                arguments("9223372036854775808", "a java.lang.String outside the long range"),
                arguments("1.9", "a java.lang.String that is not a whole number"),
                arguments(new Object(), "a java.lang.Object, not a number"));
    }

    @ParameterizedTest
    @MethodSource("refusedLongs")
    void longsRefuseFractionsOutOfRangeValuesAndOtherTypes(Object raw, String problem) {
        assertThat(refusal(raw, Long.class)).hasMessageEndingWith("is " + problem + "; allowed: a whole number (long)");
    }

    // --- booleans

    static Stream<Arguments> acceptedBooleans() {
        return Stream.of(arguments(true, true), arguments(false, false), arguments("true", true), arguments(" TRUE ", true),
                         arguments("False", false), arguments(new StringBuilder("false"), false));
    }

    @ParameterizedTest
    @MethodSource("acceptedBooleans")
    void booleansAcceptBooleansAndTheTextTrueOrFalse(Object raw, boolean expected) {
        assertThat(InputValues.convert(raw, Boolean.class, SOURCE, REFUSAL)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", "t", "", "truee", "on"})
    void booleansRefuseOtherText(String raw) {
        assertThat(refusal(raw, Boolean.class)).hasMessageEndingWith(
                "is a java.lang.String that is not true or false; allowed: a Boolean, or the text true or false");
    }

    static Stream<Arguments> refusedBooleanTypes() {
        return Stream.of(arguments(1, "java.lang.Integer"), arguments(1.0, "java.lang.Double"),
                         arguments(List.of(true), "java.util.ImmutableCollections$List12"));
    }

    @ParameterizedTest
    @MethodSource("refusedBooleanTypes")
    void booleansRefuseOtherTypes(Object raw, String typeName) {
        assertThat(refusal(raw, Boolean.class)).hasMessageEndingWith(
                "is a " + typeName + ", not a boolean; allowed: a Boolean, or the text true or false");
    }

    // --- maps (metadata)

    @Test
    void mapsAcceptMapsOfTextAndLeaveNullEntriesToTheCaller() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("empty", null);

        assertThat(InputValues.convert(Map.of("team", 7, "acl", ObjectCannedACL.PRIVATE), Map.class, SOURCE, REFUSAL))
                .isEqualTo(Map.of("team", 7, "acl", ObjectCannedACL.PRIVATE));
        assertThat(InputValues.convert(Map.of(), Map.class, SOURCE, REFUSAL)).isEqualTo(Map.of());
        assertThat(InputValues.convert(withNull, Map.class, SOURCE, REFUSAL)).isSameAs(withNull);
    }

    @Test
    void mapsRefuseAnythingButAMap() {
        assertThat(refusal("team=7", Map.class)).hasMessageEndingWith(
                "is a java.lang.String, not a Map; allowed: a java.util.Map of names to text values");
        assertThat(refusal(List.of("team", "7"), Map.class)).hasMessageContaining("not a Map");
    }

    @Test
    void mapsRefuseNamesAndValuesThatAreNotText() {
        assertThat(refusal(Map.of("tags", List.of("a", "b")), Map.class)).hasMessageEndingWith(
                "has a value for 'tags' that is a java.util.ImmutableCollections$List12, not text; allowed: text"
                + " (a CharSequence, Number, Boolean or enum)");
        assertThat(refusal(Map.of(List.of("n"), "v"), Map.class)).hasMessageContaining(
                "has a name that is a java.util.ImmutableCollections$List12, not text");
    }

    // --- Unicode

    static Stream<Arguments> unpairedSurrogates() {
        return Stream.of(
                arguments("a\uD800b", 1),
                arguments("\uDC00", 0),
                arguments("ab\uD83D", 2),
                arguments("\uDE00\uD83D", 0),
                arguments("x\uD83D\uD83D\uDE00", 1),
                arguments("ok \uD83D\uDE00 then \uDFFF", 11));
    }

    @ParameterizedTest
    @MethodSource("unpairedSurrogates")
    void refusesTextWithAnUnpairedSurrogateNamingItsIndex(String text, int index) {
        Trays3InvalidInputException e = catchThrowableOfType(Trays3InvalidInputException.class,
                                                             () -> InputValues.checkUnicode(text, SOURCE, REFUSAL));

        assertThat(e).isNotNull()
                .hasMessageEndingWith("has an unpaired surrogate at index " + index + "; allowed: valid Unicode text");
        assertThat(e.getInput()).isEqualTo(SOURCE);
        assertThat(roundTripsThroughUtf8(text)).as("the JDK's strict encoder agrees").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain/key.txt", "caf\u00e9", "\u65e5\u672c\u8a9e", "emoji \uD83D\uDE00 pair", "\uDBFF\uDFFF",
        "?", ""})
    void acceptsValidUnicodeTextAndAgreesWithTheStrictEncoder(String text) {
        InputValues.checkUnicode(text, SOURCE, REFUSAL);

        assertThat(roundTripsThroughUtf8(text)).isTrue();
        assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    private static boolean roundTripsThroughUtf8(String text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            encoder.encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
