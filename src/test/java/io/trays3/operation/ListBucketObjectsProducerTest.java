package io.trays3.operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.Trays3ServiceException;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListBucketObjectsProducerTest extends S3TestSupport {

    @BeforeEach
    void someObjects() {
        for (String key : List.of("a.txt", "docs/1.txt", "docs/2.txt", "docs/sub/3.txt", "img/x.png")) {
            putObject(key, "content of " + key);
        }
    }

    @Test
    void listsKeysWithTheConnectorShape() {
        Map<String, Object> result = map(call("trays3:listBucketObjects?bucket=" + bucket));

        assertThat(result.keySet()).containsExactly("Name", "Prefix", "Delimiter", "MaxKeys", "KeyCount", "IsTruncated",
                "NextContinuationToken", "Contents", "CommonPrefixes");
        assertThat(result.get("Name")).isEqualTo(bucket);
        assertThat(result.get("KeyCount")).isEqualTo(5);
        assertThat(result.get("IsTruncated")).isEqualTo(false);
        List<Map<String, Object>> contents = list(result.get("Contents"));
        assertThat(contents).extracting(c -> c.get("Key"))
                .containsExactly("a.txt", "docs/1.txt", "docs/2.txt", "docs/sub/3.txt", "img/x.png");
        Map<String, Object> first = contents.get(0);
        assertThat(first.keySet()).containsExactly("Key", "LastModified", "ETag", "Size", "StorageClass");
        assertThat(first.get("Size")).isEqualTo((long) "content of a.txt".length());
        assertThat(Instant.parse((String) first.get("LastModified"))).isBefore(Instant.now().plusSeconds(60));
    }

    @Test
    void groupsFoldersAtTheDelimiterUnderAPrefix() {
        Map<String, Object> result = map(call("trays3:listBucketObjects?bucket=" + bucket + "&prefix=docs/&delimiter=/"));

        assertThat(result.get("Prefix")).isEqualTo("docs/");
        assertThat(result.get("Delimiter")).isEqualTo("/");
        assertThat(list(result.get("Contents"))).extracting(c -> c.get("Key")).containsExactly("docs/1.txt", "docs/2.txt");
        assertThat(list(result.get("CommonPrefixes"))).extracting(c -> c.get("Prefix")).containsExactly("docs/sub/");
    }

    @Test
    void pagesWithMaxKeysAndContinuesFromTheToken() {
        Map<String, Object> first = map(call("trays3:listBucketObjects?bucket=" + bucket + "&maxKeys=2"));

        assertThat(first.get("IsTruncated")).isEqualTo(true);
        assertThat(first.get("MaxKeys")).isEqualTo(2);
        assertThat(list(first.get("Contents"))).extracting(c -> c.get("Key")).containsExactly("a.txt", "docs/1.txt");
        String token = (String) first.get("NextContinuationToken");
        assertThat(token).isNotBlank();

        Map<String, Object> second = map(call("trays3:listBucketObjects?bucket=" + bucket + "&maxKeys=2", null,
                                              Map.of(Trays3Constants.CONTINUATION_TOKEN, token)));
        assertThat(list(second.get("Contents"))).extracting(c -> c.get("Key")).containsExactly("docs/2.txt", "docs/sub/3.txt");
    }

    @Test
    void allPagesFollowsTokensIntoOneResult() {
        Map<String, Object> result = map(call("trays3:listBucketObjects?bucket=" + bucket + "&maxKeys=2&allPages=true"));

        assertThat(result.get("IsTruncated")).isEqualTo(false);
        assertThat(result.get("NextContinuationToken")).isNull();
        assertThat(result.get("KeyCount")).isEqualTo(5);
        assertThat(list(result.get("Contents"))).hasSize(5);
    }

    @Test
    void startsAfterAKey() {
        Map<String, Object> result = map(call("trays3:listBucketObjects?bucket=" + bucket + "&startAfter=docs/2.txt"));

        assertThat(list(result.get("Contents"))).extracting(c -> c.get("Key")).containsExactly("docs/sub/3.txt", "img/x.png");
    }

    @Test
    void aMissingBucketIsAServiceErrorNamingTheBucket() {
        Trays3ServiceException e = failure(Trays3ServiceException.class, "trays3:listBucketObjects?bucket=no-such-bucket-x1",
                                           null, Map.of());

        assertThat(e.getErrorCode()).isEqualTo("NoSuchBucket");
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getBucket()).isEqualTo("no-such-bucket-x1");
        assertThat(e.getOperation()).isEqualTo("listBucketObjects");
        assertThat(e.getRequestId()).isNotNull();
        assertThat(e).hasMessageContaining("listBucketObjects").hasMessageContaining("no-such-bucket-x1")
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void refusesMaxKeysOutOfRange() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:listBucketObjects?bucket=" + bucket, null, Map.of(Trays3Constants.MAX_KEYS, "5000"));

        assertThat(e.getInput()).isEqualTo("header CamelTrays3MaxKeys");
        assertThat(e).hasMessageContaining("listBucketObjects").hasMessageContaining("'5000'")
                .hasMessageContaining("1 to 1000");
    }

    @Test
    void refusesAMaxKeysHeaderThatIsNotANumber() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:listBucketObjects?bucket=" + bucket, null, Map.of(Trays3Constants.MAX_KEYS, "many"));

        assertThat(e).hasMessageContaining("CamelTrays3MaxKeys").hasMessageContaining("'many'")
                .hasMessageContaining("is a java.lang.String that is not a whole number; allowed: a whole number (int)");
    }
}
