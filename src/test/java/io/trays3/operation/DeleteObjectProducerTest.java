package io.trays3.operation;

import java.util.List;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.support.S3TestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DeleteObjectProducerTest extends S3TestSupport {

    @Override
    protected boolean versionedBucket() {
        return true;
    }

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:readThenDelete")
                        .to("trays3:getObject").convertBodyTo(String.class)
                        .to("trays3:deleteObject");
                from("direct:readThenDeleteTheVersionRead")
                        .to("trays3:getObject").convertBodyTo(String.class)
                        .removeProperty(Trays3Constants.READ_VERSION_ID)
                        .to("trays3:deleteObject");
            }
        };
    }

    /** One version of in/order.csv in the versioned bucket; returns its version id. */
    private String putOrder() {
        assumeTrue(target.supportsVersioning(), "needs a versioned bucket");
        return s3.putObject(p -> p.bucket(bucket).key("in/order.csv"), RequestBody.fromString("a,b")).versionId();
    }

    private Map<String, Object> readAndDeleteOrder(String route) {
        return map(template.requestBodyAndHeaders(route, null,
                Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "in/order.csv")));
    }

    private List<String> versions(String key) {
        return s3.listObjectVersions(l -> l.bucket(bucket).prefix(key)).versions().stream().map(v -> v.versionId()).toList();
    }

    @Test
    void deletesTheKeyAndReportsTheDeleteMarker() {
        putObject("old/report.csv", "a,b");

        Map<String, Object> result = map(call("trays3:deleteObject?bucket=" + bucket + "&key=old/report.csv"));

        assertThat(result.get("success")).isEqualTo(true);
        // in a versioned bucket S3 leaves a delete marker and says so
        assertThat(result.get("DeleteMarker")).isEqualTo(true);
        assertThat(result.get("VersionId")).isNotNull();
        assertThatThrownBy(() -> readObject("old/report.csv")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void deletesOneVersionOnly() {
        String v1 = s3.putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("one")).versionId();
        s3.putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("two"));

        Map<String, Object> result = map(call("trays3:deleteObject?bucket=" + bucket, null,
                                              Map.of(Trays3Constants.KEY, "doc.txt", Trays3Constants.VERSION_ID, v1)));

        assertThat(result.get("success")).isEqualTo(true);
        assertThat(result.get("VersionId")).isEqualTo(v1);
        assertThat(readObject("doc.txt")).isEqualTo("two");
        assertThat(s3.listObjectVersions(l -> l.bucket(bucket).prefix("doc.txt")).versions())
                .extracting(v -> v.versionId()).doesNotContain(v1).hasSize(1);
    }

    @Test
    void readThenDeleteLeavesADeleteMarkerAndKeepsTheVersionRead() {
        String v1 = putOrder();

        Map<String, Object> result = readAndDeleteOrder("direct:readThenDelete");

        assertThat(result.get("DeleteMarker")).as("the getObject version header is not taken as an order to destroy it")
                .isEqualTo(true);
        assertThat(versions("in/order.csv")).as("the version read is kept behind the delete marker").contains(v1);
        assertThatThrownBy(() -> readObject("in/order.csv")).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void withoutTheReadVersionPropertyTheHeaderNamesTheVersionToDelete() {
        String v1 = putOrder();

        Map<String, Object> result = readAndDeleteOrder("direct:readThenDeleteTheVersionRead");

        assertThat(result.get("VersionId")).isEqualTo(v1);
        assertThat(result).doesNotContainEntry("DeleteMarker", true);
        assertThat(versions("in/order.csv")).as("the version read is gone for good").isEmpty();
    }

    @Test
    void aKeyWithAnUnpairedSurrogateIsRefusedRatherThanDeletingTheKeyItWouldBeEncodedAs() {
        // UTF-8 encoding would replace the lone surrogate with '?': the request would name another object
        putObject("a?b", "not mine to delete");

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, "trays3:deleteObject?bucket=" + bucket,
                                                null, Map.of(Trays3Constants.KEY, "a\uD800b"));

        assertThat(e.getInput()).isEqualTo("header CamelTrays3Key");
        assertThat(e).hasMessageContaining("unpaired surrogate at index 1");
        assertThat(readObject("a?b")).isEqualTo("not mine to delete");
        assertThat(versions("a?b")).as("no delete marker either").hasSize(1);
    }

    @Test
    void aMapAsTheKeyHeaderIsRefusedRatherThanDeletingItsToString() {
        putObject("{a=b}", "not mine to delete");

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, "trays3:deleteObject?bucket=" + bucket,
                                                null, Map.of(Trays3Constants.KEY, Map.of("a", "b")));

        assertThat(e).hasMessageContaining("header CamelTrays3Key").hasMessageContaining("not text");
        assertThat(readObject("{a=b}")).isEqualTo("not mine to delete");
    }
}
