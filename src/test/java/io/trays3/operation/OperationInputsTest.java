package io.trays3.operation;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one place that resolves inputs: header, then URI option, then component default; and its checks. */
class OperationInputsTest {

    private CamelContext context;
    private Exchange exchange;
    private Trays3Configuration configuration;

    @BeforeEach
    void setUp() {
        context = new DefaultCamelContext();
        context.start();
        exchange = new DefaultExchange(context);
        configuration = new Trays3Configuration();
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    private static OperationInputs listed(OperationInputs inputs) {
        inputs.listedBucket("listed-bucket");
        return inputs;
    }

    private OperationInputs inputs(Trays3Operation operation, String... uriOptions) {
        return new OperationInputs(operation, exchange, configuration,
                                   java.util.Arrays.stream(uriOptions).map(OperationInputs::normalise)
                                           .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void theHeaderWinsOverTheOption() {
        configuration.setBucket("from-option");
        exchange.getMessage().setHeader(Trays3Constants.BUCKET, "from-header");

        assertThat(inputs(Trays3Operation.headObject).bucket()).isEqualTo("from-header");
    }

    @Test
    void theOptionIsUsedWhenNoHeaderIsSetAndAnEmptyHeaderCountsAsUnset() {
        configuration.setBucket("from-option");
        exchange.getMessage().setHeader(Trays3Constants.BUCKET, "");

        assertThat(inputs(Trays3Operation.headObject).bucket()).isEqualTo("from-option");
    }

    @Test
    void aBlankHeaderCountsAsUnsetToo() {
        configuration.setBucket("from-option");
        configuration.setKey("key-from-option");
        exchange.getMessage().setHeader(Trays3Constants.BUCKET, "   ");
        exchange.getMessage().setHeader(Trays3Constants.KEY, "\t");

        OperationInputs inputs = inputs(Trays3Operation.headObject, "bucket", "key");

        assertThat(inputs.bucket()).isEqualTo("from-option");
        assertThat(inputs.key()).isEqualTo("key-from-option");
    }

    @Test
    void camelAws2S3HeadersRankBelowUriOptionsAndAboveComponentDefaults() {
        exchange.getMessage().setHeader(Trays3Constants.AWS2_S3_BUCKET, "aws-bucket");
        exchange.getMessage().setHeader(Trays3Constants.AWS2_S3_KEY, "aws-key");
        configuration.setBucket("option-bucket");
        configuration.setKey("option-key");

        // the URI names bucket and key: an aws2-s3 consumer's headers must not redirect the write
        OperationInputs fromUri = inputs(Trays3Operation.putObjectText, "bucket", "key");
        assertThat(fromUri.bucket()).isEqualTo("option-bucket");
        assertThat(fromUri.key()).isEqualTo("option-key");
        // the same values as component defaults only: the consumer's headers win
        OperationInputs fromDefaults = inputs(Trays3Operation.headObject);
        assertThat(fromDefaults.bucket()).isEqualTo("aws-bucket");
        assertThat(fromDefaults.key()).isEqualTo("aws-key");
        // a trays3 header wins over everything
        exchange.getMessage().setHeader(Trays3Constants.KEY, "trays3-key");
        assertThat(inputs(Trays3Operation.headObject, "key").key()).isEqualTo("trays3-key");
    }

    @Test
    void uriOptionNamesAreComparedWithoutCaseOrDashes() {
        exchange.getMessage().setHeader(Trays3Constants.AWS2_S3_BUCKET, "aws-bucket");
        configuration.setBucket("option-bucket");

        assertThat(inputs(Trays3Operation.headObject, "Bucket").bucket()).isEqualTo("option-bucket");
        assertThat(OperationInputs.normalise("max-keys")).isEqualTo(OperationInputs.normalise("maxKeys"));
    }

    @Test
    void theFileNameIsTheLastFallbackForTheKey() {
        exchange.getMessage().setHeader(Exchange.FILE_NAME, "sub/report.csv");

        assertThat(inputs(Trays3Operation.putObjectFile).key()).isEqualTo("sub/report.csv");
        configuration.setKey("explicit.csv");
        assertThat(inputs(Trays3Operation.putObjectFile, "key").key()).isEqualTo("explicit.csv");
    }

    @Test
    void aListingsBucketRanksBelowHeaderAndUriOptionButAboveTheComponentDefault() {
        configuration.setBucket("default-bucket");
        exchange.getMessage().setHeader(Trays3Constants.AWS2_S3_BUCKET, "aws-bucket");

        assertThat(listed(inputs(Trays3Operation.deleteMultipleObjects)).bucket()).isEqualTo("listed-bucket");
        assertThat(listed(inputs(Trays3Operation.deleteMultipleObjects, "bucket")).bucket()).isEqualTo("default-bucket");
        exchange.getMessage().setHeader(Trays3Constants.BUCKET, "header-bucket");
        assertThat(listed(inputs(Trays3Operation.deleteMultipleObjects)).bucket()).isEqualTo("header-bucket");
        // an operation that takes no listing's bucket does not see it
        assertThat(Trays3Operation.headObject.places(Input.BUCKET)).noneMatch(p -> p.kind() == InputPlace.Kind.LISTED_BUCKET);
    }

    @Test
    void headerValuesAreConvertedToTheInputsType() {
        exchange.getMessage().setHeader(Trays3Constants.MAX_KEYS, "25");
        exchange.getMessage().setHeader(Trays3Constants.ALL_PAGES, "true");

        assertThat(inputs(Trays3Operation.listBucketObjects).intWithin(Input.MAX_KEYS, 1, 1000)).isEqualTo(25);
        assertThat(inputs(Trays3Operation.listBucketObjects).value(Input.ALL_PAGES)).isTrue();
    }

    @Test
    void anInputTheOperationDoesNotDeclareIsAProgrammingError() {
        // what the operation declares is what the policy tool follows: reading more would make the policy wrong
        assertThatThrownBy(() -> inputs(Trays3Operation.listBucketObjects).value(Input.RANGE_FROM))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not declare");
    }

    @Test
    void headerValuesThatMeanExactlyOneValueOfTheTypeAreAccepted() {
        exchange.getMessage().setHeader(Trays3Constants.MAX_KEYS, 2.0);
        exchange.getMessage().setHeader(Trays3Constants.RANGE_FROM, " 7 ");
        exchange.getMessage().setHeader(Trays3Constants.ALL_PAGES, "TRUE");
        exchange.getMessage().setHeader(Trays3Constants.ACL, ObjectCannedACL.PUBLIC_READ);
        exchange.getMessage().setHeader(Trays3Constants.KEY, new StringBuilder("built/key"));
        configuration.setBucket("bucket-1");

        OperationInputs listing = inputs(Trays3Operation.listBucketObjects);
        assertThat(listing.intWithin(Input.MAX_KEYS, 1, 1000)).isEqualTo(2);
        assertThat(listing.value(Input.ALL_PAGES)).isTrue();
        assertThat(inputs(Trays3Operation.getObject).offset(Input.RANGE_FROM)).isEqualTo(7L);
        OperationInputs upload = inputs(Trays3Operation.putObjectText);
        assertThat(upload.acl()).as("an SDK enum is its wire value").isEqualTo("public-read");
        assertThat(upload.key()).isEqualTo("built/key");
    }

    @Test
    void aMapOrAListAsTheKeyHeaderIsRefusedNotSentAsItsToString() {
        exchange.getMessage().setHeader(Trays3Constants.KEY, Map.of("a", "b"));
        configuration.setBucket("bucket-1");

        assertThatThrownBy(() -> inputs(Trays3Operation.deleteObject).key())
                .isInstanceOf(Trays3InvalidInputException.class)
                .hasMessage("trays3 deleteObject: header CamelTrays3Key value '{a=b}' is a "
                            + Map.of("a", "b").getClass().getName() + ", not text; allowed: text (a CharSequence, Number,"
                            + " Boolean or enum)");
        exchange.getMessage().setHeader(Trays3Constants.KEY, List.of("a"));
        assertThatThrownBy(() -> inputs(Trays3Operation.deleteObject).key())
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("header CamelTrays3Key")
                .hasMessageContaining("not text");
    }

    @ParameterizedTest
    @MethodSource("maxKeysRefused")
    void maxKeysThatIsNotAnExactIntIsRefusedNotTruncated(Object raw, String problem) {
        exchange.getMessage().setHeader(Trays3Constants.MAX_KEYS, raw);

        assertThatThrownBy(() -> inputs(Trays3Operation.listBucketObjects).intWithin(Input.MAX_KEYS, 1, 1000))
                .isInstanceOf(Trays3InvalidInputException.class)
                .hasMessage("trays3 listBucketObjects: header CamelTrays3MaxKeys value '" + raw + "' is " + problem
                            + "; allowed: a whole number (int)");
    }

    static Stream<Arguments> maxKeysRefused() {
        return Stream.of(
                Arguments.of(4294967297L, "a java.lang.Long outside the int range"),
                Arguments.of(2.9, "a java.lang.Double with a fraction"),
                Arguments.of("2.9", "a java.lang.String that is not a whole number"),
                Arguments.of(Double.NaN, "a java.lang.Double that is not a finite number"));
    }

    @Test
    void aFractionalRangeStartIsRefusedNotTruncated() {
        exchange.getMessage().setHeader(Trays3Constants.RANGE_FROM, 1.9);

        assertThatThrownBy(() -> inputs(Trays3Operation.getObject).offset(Input.RANGE_FROM))
                .isInstanceOf(Trays3InvalidInputException.class)
                .hasMessage("trays3 getObject: header CamelTrays3RangeFrom value '1.9' is a java.lang.Double with a"
                            + " fraction; allowed: a whole number (long)");
    }

    @Test
    void allPagesTakesABooleanOrTrueOrFalseOnly() {
        exchange.getMessage().setHeader(Trays3Constants.ALL_PAGES, "yes");

        assertThatThrownBy(() -> inputs(Trays3Operation.listBucketObjects).value(Input.ALL_PAGES))
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("header CamelTrays3AllPages")
                .hasMessageContaining("'yes'").hasMessageContaining("allowed: a Boolean, or the text true or false");
    }

    @Test
    void aKeyWithAnUnpairedSurrogateIsRefusedWhereverItComesFrom() {
        configuration.setBucket("bucket-1");
        exchange.getMessage().setHeader(Trays3Constants.KEY, "a\uD800b");

        assertThatThrownBy(() -> inputs(Trays3Operation.deleteObject).key())
                .isInstanceOf(Trays3InvalidInputException.class)
                .hasMessageStartingWith("trays3 deleteObject: header CamelTrays3Key value '")
                .hasMessageEndingWith("' has an unpaired surrogate at index 1; allowed: valid Unicode text");
        exchange.getMessage().removeHeader(Trays3Constants.KEY);
        configuration.setKey("ok\uDC00");
        assertThatThrownBy(() -> inputs(Trays3Operation.deleteObject, "key").key())
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("option 'key'")
                .hasMessageContaining("unpaired surrogate at index 2");
        // the body items of deleteMultipleObjects go through the same check
        assertThatThrownBy(() -> inputs(Trays3Operation.deleteMultipleObjects).checkKey("x\uD83D", "the body item 0"))
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("the body item 0")
                .hasMessageContaining("unpaired surrogate at index 1");
        // a pair is one character, and fine
        configuration.setKey("emoji-\uD83D\uDE00.txt");
        assertThat(inputs(Trays3Operation.deleteObject, "key").key()).isEqualTo("emoji-\uD83D\uDE00.txt");
    }

    @Test
    void aMissingBucketNamesTheOperationOptionAndHeader() {
        assertThatThrownBy(() -> inputs(Trays3Operation.deleteObject).bucket())
                .isInstanceOf(Trays3InvalidInputException.class)
                .hasMessage("trays3 deleteObject: option 'bucket' (header CamelTrays3Bucket) is required but not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Upper", "under_score", "-starts", "ends-", "two..dots", "192.168.1.1",
        "a-name-that-is-far-too-long-for-s3-because-it-has-more-than-63-chars"})
    void refusesBucketNamesS3Refuses(String name) {
        configuration.setBucket(name);

        assertThatThrownBy(() -> inputs(Trays3Operation.listBucketObjects).bucket())
                .isInstanceOf(Trays3InvalidInputException.class)
                .hasMessageContaining("listBucketObjects").hasMessageContaining("option 'bucket'")
                .hasMessageContaining("'" + name + "'").hasMessageContaining("3 to 63 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my.bucket-01", "a1b", "logs-2026"})
    void acceptsValidBucketNames(String name) {
        configuration.setBucket(name);

        assertThat(inputs(Trays3Operation.listBucketObjects).bucket()).isEqualTo(name);
    }

    @Test
    void metadataMustBeAMapOfTextWithNonNullEntries() {
        exchange.getMessage().setHeader(Trays3Constants.METADATA, Map.of("team", 7));
        assertThat(inputs(Trays3Operation.putObjectText).metadata()).containsEntry("team", "7");

        exchange.getMessage().setHeader(Trays3Constants.METADATA, "team=7");
        assertThatThrownBy(() -> inputs(Trays3Operation.putObjectText).metadata())
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("CamelTrays3Metadata")
                .hasMessageContaining("Map");

        exchange.getMessage().setHeader(Trays3Constants.METADATA, Map.of("tags", List.of("a", "b")));
        assertThatThrownBy(() -> inputs(Trays3Operation.putObjectText).metadata())
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("header CamelTrays3Metadata")
                .hasMessageContaining("has a value for 'tags' that is a").hasMessageContaining("not text");
    }

    @Test
    void resolvedBucketAndKeyAreRememberedForErrorReports() {
        configuration.setBucket("bucket-1");
        configuration.setKey("k");
        OperationInputs inputs = inputs(Trays3Operation.getObject);

        assertThat(inputs.resolvedBucket()).isNull();
        inputs.bucket();
        inputs.key();
        assertThat(inputs.resolvedBucket()).isEqualTo("bucket-1");
        assertThat(inputs.resolvedKey()).isEqualTo("k");
    }
}
