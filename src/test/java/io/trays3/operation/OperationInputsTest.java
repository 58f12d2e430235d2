package io.trays3.operation;

import java.util.Map;

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
import org.junit.jupiter.params.provider.ValueSource;

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
    void metadataMustBeAMapWithNonNullEntries() {
        exchange.getMessage().setHeader(Trays3Constants.METADATA, Map.of("team", 7));
        assertThat(inputs(Trays3Operation.putObjectText).metadata()).containsEntry("team", "7");

        exchange.getMessage().setHeader(Trays3Constants.METADATA, "team=7");
        assertThatThrownBy(() -> inputs(Trays3Operation.putObjectText).metadata())
                .isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("CamelTrays3Metadata")
                .hasMessageContaining("Map");
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
