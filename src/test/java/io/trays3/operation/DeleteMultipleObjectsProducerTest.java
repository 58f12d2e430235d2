package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trays3.Trays3InvalidInputException;
import io.trays3.support.S3TestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteMultipleObjectsProducerTest extends S3TestSupport {

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cleanup")
                        .toD("trays3:listBucketObjects?bucket=${header.target}&prefix=tmp/&allPages=true")
                        .to("trays3:deleteMultipleObjects");
            }
        };
    }

    @Test
    void deletesAListOfKeysAndReportsEachOne() {
        putObject("a.txt", "a");
        putObject("b.txt", "b");
        putObject("keep.txt", "c");

        Map<String, Object> result = map(call("trays3:deleteMultipleObjects?bucket=" + bucket, List.of("a.txt", "b.txt"),
                                              Map.of()));

        assertThat(result.keySet()).containsExactly("Deleted", "Errors");
        assertThat(list(result.get("Deleted"))).extracting(d -> d.get("Key")).containsExactlyInAnyOrder("a.txt", "b.txt");
        assertThat(list(result.get("Errors"))).isEmpty();
        assertThat(remainingKeys()).containsExactly("keep.txt");
    }

    @Test
    void takesKeyAndVersionMaps() {
        putObject("x/1.txt", "1");
        putObject("x/2.txt", "2");

        Map<String, Object> result = map(call("trays3:deleteMultipleObjects?bucket=" + bucket,
                List.of(Map.of("Key", "x/1.txt"), Map.of("Key", "x/2.txt")), Map.of()));

        assertThat(list(result.get("Deleted"))).hasSize(2);
        assertThat(remainingKeys()).isEmpty();
    }

    @Test
    void deletesWhatListBucketObjectsListedWithNoOptionsInBetween() {
        putObject("tmp/1.txt", "1");
        putObject("tmp/2/3.txt", "3");
        putObject("keep/me.txt", "k");

        Map<String, Object> result = map(template.requestBodyAndHeader("direct:cleanup", null, "target", bucket));

        assertThat(list(result.get("Deleted"))).extracting(d -> d.get("Key"))
                .containsExactlyInAnyOrder("tmp/1.txt", "tmp/2/3.txt");
        assertThat(remainingKeys()).containsExactly("keep/me.txt");
    }

    @Test
    void deletesMoreThanOneThousandKeysInBatches() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1203; i++) {
            String key = String.format("bulk/%04d.txt", i);
            keys.add(key);
            s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.empty());
        }
        putObject("bulk-keep.txt", "k");

        Map<String, Object> result = map(call("trays3:deleteMultipleObjects?bucket=" + bucket, keys, Map.of()));

        assertThat(list(result.get("Deleted"))).hasSize(1203);
        assertThat(list(result.get("Errors"))).isEmpty();
        assertThat(remainingKeys()).containsExactly("bulk-keep.txt");
    }

    @Test
    void anEmptyListDeletesNothing() {
        putObject("keep.txt", "k");

        Map<String, Object> result = map(call("trays3:deleteMultipleObjects?bucket=" + bucket, List.of(), Map.of()));

        assertThat(list(result.get("Deleted"))).isEmpty();
        assertThat(remainingKeys()).containsExactly("keep.txt");
    }

    @Test
    void refusesABodyThatIsNotAListOfKeys() {
        putObject("keep.txt", "k");

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:deleteMultipleObjects?bucket=" + bucket, "keep.txt", Map.of());

        assertThat(e).hasMessageContaining("deleteMultipleObjects").hasMessageContaining("java.lang.String")
                .hasMessageContaining("listBucketObjects result");
        assertThat(remainingKeys()).containsExactly("keep.txt");
    }

    @Test
    void refusesTheWholeBatchWhenOneItemIsNotAKeyBeforeAnyRequest() {
        putObject("a.txt", "a");

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:deleteMultipleObjects?bucket=" + bucket, List.of("a.txt", 42), Map.of());

        assertThat(e).hasMessageContaining("item 1").hasMessageContaining("'42'");
        assertThat(remainingKeys()).containsExactly("a.txt");
    }

    @Test
    void refusesAVersionIdThatIsNotTextAndAKeyWithAnUnpairedSurrogateBeforeAnyRequest() {
        putObject("a.txt", "a");
        putObject("a?b", "b");

        Trays3InvalidInputException version = failure(Trays3InvalidInputException.class,
                "trays3:deleteMultipleObjects?bucket=" + bucket,
                List.of("a.txt", Map.of("Key", "a.txt", "VersionId", List.of("v1"))), Map.of());
        Trays3InvalidInputException surrogate = failure(Trays3InvalidInputException.class,
                "trays3:deleteMultipleObjects?bucket=" + bucket, List.of("a.txt", Map.of("Key", "a\uD800b")), Map.of());

        assertThat(version).hasMessageContaining("item 1 field 'VersionId'").hasMessageContaining("not text");
        assertThat(surrogate).hasMessageContaining("item 1 field 'Key'").hasMessageContaining("unpaired surrogate at index 1");
        assertThat(remainingKeys()).containsExactlyInAnyOrder("a.txt", "a?b");
    }

    private List<String> remainingKeys() {
        return s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
}
