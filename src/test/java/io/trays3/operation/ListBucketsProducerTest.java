package io.trays3.operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.trays3.support.S3Target;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListBucketsProducerTest extends S3TestSupport {

    @Test
    void listsEveryBucketWithCreationDateAndOwnerWithoutAnyBucketOption() {
        Map<String, Object> result = map(call("trays3:listBuckets"));

        assertThat(result.keySet()).containsExactly("Buckets", "Owner");
        List<Map<String, Object>> buckets = list(result.get("Buckets"));
        assertThat(buckets).anySatisfy(b -> {
            assertThat(b.keySet()).containsExactly("Name", "CreationDate");
            assertThat(b.get("Name")).isEqualTo(bucket);
            assertThat(Instant.parse((String) b.get("CreationDate"))).isBefore(Instant.now().plusSeconds(60));
        });
        Map<String, Object> owner = map(result.get("Owner"));
        assertThat(owner.keySet()).containsExactly("DisplayName", "ID");
        assertThat((String) owner.get("ID")).isNotBlank();
    }

    @Test
    void ddlListsBucketsAsSortedDropdownOptions() {
        String second = S3Target.createBucket(s3, false);
        String third = S3Target.createBucket(s3, false);
        try {
            Map<String, Object> result = map(call("trays3:listBucketsDdl"));

            assertThat(result.keySet()).containsExactly("result");
            List<Map<String, Object>> options = list(result.get("result"));
            List<Object> names = options.stream().map(o -> o.get("value")).toList();
            assertThat(names).contains(bucket, second, third);
            assertThat(names).isSorted();
            assertThat(options).allSatisfy(o -> {
                assertThat(o.keySet()).containsExactly("text", "value");
                assertThat(o.get("text")).isEqualTo(o.get("value"));
            });
        } finally {
            S3Target.deleteBucket(s3, second);
            S3Target.deleteBucket(s3, third);
        }
    }
}
