package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeleteObjectProducerTest extends S3TestSupport {

    @Override
    protected boolean versionedBucket() {
        return true;
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
}
