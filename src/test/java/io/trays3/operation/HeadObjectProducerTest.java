package io.trays3.operation;

import java.time.Instant;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.Trays3ServiceException;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

class HeadObjectProducerTest extends S3TestSupport {

    @Override
    protected boolean versionedBucket() {
        return true;
    }

    @Test
    void answersTheObjectsMetadataWithTheConnectorShape() {
        s3.putObject(p -> p.bucket(bucket).key("in/data.json").contentType("application/json")
                .metadata(Map.of("source", "crm")), RequestBody.fromString("{\"n\":42}"));

        Map<String, Object> result = map(call("trays3:headObject?bucket=" + bucket + "&key=in/data.json"));

        assertThat(result.keySet()).containsExactly("ContentLength", "ContentType", "ETag", "LastModified", "Metadata",
                                                    "VersionId", "StorageClass");
        assertThat(result.get("ContentLength")).isEqualTo(8L);
        assertThat(result.get("ContentType")).isEqualTo("application/json");
        assertThat(result.get("Metadata")).isEqualTo(Map.of("source", "crm"));
        assertThat(result.get("StorageClass")).isEqualTo("STANDARD");
        assertThat(Instant.parse((String) result.get("LastModified"))).isBefore(Instant.now().plusSeconds(60));
        assertThat((String) result.get("ETag")).isNotBlank();
    }

    @Test
    void honoursTheHeadersOfCamelAws2S3SoNoMappingIsNeeded() {
        putObject("from-aws2/event.txt", "hello");

        Map<String, Object> result = map(call("trays3:headObject", null,
                Map.of(Trays3Constants.AWS2_S3_BUCKET, bucket, Trays3Constants.AWS2_S3_KEY, "from-aws2/event.txt")));

        assertThat(result.get("ContentLength")).isEqualTo(5L);
    }

    @Test
    void trays3HeadersWinOverTheAws2S3Ones() {
        putObject("mine.txt", "mine!");

        Map<String, Object> result = map(call("trays3:headObject", null,
                Map.of(Trays3Constants.AWS2_S3_BUCKET, "other-bucket", Trays3Constants.AWS2_S3_KEY, "other.txt",
                       Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "mine.txt")));

        assertThat(result.get("ContentLength")).isEqualTo(5L);
    }

    @Test
    void readsAnOlderVersion() {
        String v1 = s3.putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("one")).versionId();
        s3.putObject(p -> p.bucket(bucket).key("doc.txt"), RequestBody.fromString("version two"));

        Map<String, Object> result = map(call("trays3:headObject?bucket=" + bucket + "&key=doc.txt", null,
                                              Map.of(Trays3Constants.VERSION_ID, v1)));

        assertThat(result.get("VersionId")).isEqualTo(v1);
        assertThat(result.get("ContentLength")).isEqualTo(3L);
    }

    @Test
    void aMissingObjectIsANotFoundServiceError() {
        Trays3ServiceException e = failure(Trays3ServiceException.class,
                "trays3:headObject?bucket=" + bucket + "&key=nope.txt", null, Map.of());

        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isIn("NotFound", "NoSuchKey");
        assertThat(e.getBucket()).isEqualTo(bucket);
        assertThat(e.getKey()).isEqualTo("nope.txt");
        assertThat(e).hasMessageContaining("headObject").hasMessageContaining(bucket + "/nope.txt");
    }

    @Test
    void refusesAMissingKeyNamingTheOptionAndHeader() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, "trays3:headObject?bucket=" + bucket,
                                                null, Map.of());

        assertThat(e).hasMessage("trays3 headObject: option 'key' (header CamelTrays3Key) is required but not set");
    }

    @Test
    void refusesAKeyLongerThan1024Bytes() {
        String key = "é".repeat(513);

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, "trays3:headObject?bucket=" + bucket,
                                                null, Map.of(Trays3Constants.KEY, key));

        assertThat(e).hasMessageContaining("1026 bytes").hasMessageContaining("at most 1024 bytes");
        assertThat(e.getBucket()).as("the bucket, checked before the key").isEqualTo(bucket);
        assertThat(e.getKey()).as("the bad key is the value, not the call's key").isNull();
    }
}
