package io.trays3.operation;

import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.Trays3ServiceException;
import io.trays3.support.S3Target;
import io.trays3.support.S3TestSupport;
import io.trays3.support.TestBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** copyObject against the in-JVM S3 server: across buckets, what is copied or replaced, refusals, large copies. */
class CopyObjectProducerTest extends S3TestSupport {

    private String destination;

    @BeforeEach
    void createDestination() {
        destination = S3Target.createBucket(s3, false);
    }

    @AfterEach
    void deleteDestination() {
        S3Target.deleteBucket(s3, destination);
    }

    @Test
    void copiesAcrossBucketsWithContentTypeAndMetadataAndAnswersTheCopy() {
        s3.putObject(p -> p.bucket(bucket).key("in/report.csv").contentType("text/csv").metadata(Map.of("origin", "crm")),
                     RequestBody.fromString("a,b\n1,2\n"));

        Map<String, Object> result = map(call("trays3:copyObject?bucket=" + bucket + "&key=in/report.csv&destinationBucket="
                                              + destination + "&destinationKey=archive/report.csv"));

        HeadObjectResponse copy = s3.headObject(h -> h.bucket(destination).key("archive/report.csv"));
        assertThat(result).containsOnlyKeys("Bucket", "Key", "ETag", "VersionId")
                .containsEntry("Bucket", destination).containsEntry("Key", "archive/report.csv")
                .containsEntry("ETag", copy.eTag());
        assertThat(copy.contentType()).isEqualTo("text/csv");
        assertThat(copy.metadata()).containsEntry("origin", "crm");
        assertThat(s3.getObjectAsBytes(g -> g.bucket(destination).key("archive/report.csv")).asUtf8String())
                .isEqualTo("a,b\n1,2\n");
        assertThat(readObject("in/report.csv")).as("the source stays").isEqualTo("a,b\n1,2\n");
    }

    @Test
    void theDestinationKeyIsTheSourceKeyUnlessGivenAndItsHeaderWins() {
        putObject("same.txt", "one");

        call("trays3:copyObject?bucket=" + bucket + "&key=same.txt&destinationBucket=" + destination);
        call("trays3:copyObject?bucket=" + bucket + "&key=same.txt&destinationBucket=" + destination
             + "&destinationKey=from-option.txt", null, Map.of(Trays3Constants.DESTINATION_KEY, "from-header.txt"));

        assertThat(s3.listObjectsV2(l -> l.bucket(destination)).contents()).extracting(o -> o.key())
                .containsExactlyInAnyOrder("same.txt", "from-header.txt");
    }

    @Test
    void aGivenContentTypeReplacesItAndKeepsTheSourcesMetadata() {
        s3.putObject(p -> p.bucket(bucket).key("data.bin").contentType("application/octet-stream")
                .metadata(Map.of("owner", "team-a")), RequestBody.fromString("{}"));

        call("trays3:copyObject?bucket=" + bucket + "&key=data.bin&destinationKey=data.json&contentType=application/json");

        HeadObjectResponse copy = s3.headObject(h -> h.bucket(bucket).key("data.json"));
        assertThat(copy.contentType()).isEqualTo("application/json");
        assertThat(copy.metadata()).containsEntry("owner", "team-a");
    }

    @Test
    void camelAws2S3DestinationHeadersAreHonoured() {
        putObject("interop.txt", "x");

        call("trays3:copyObject?bucket=" + bucket + "&key=interop.txt", null,
             Map.of(Trays3Constants.AWS2_S3_DESTINATION_BUCKET, destination,
                    Trays3Constants.AWS2_S3_DESTINATION_KEY, "copied.txt"));

        assertThat(s3.getObjectAsBytes(g -> g.bucket(destination).key("copied.txt")).asUtf8String()).isEqualTo("x");
    }

    @Test
    void copyingAnObjectOntoItselfUnchangedIsRefusedBeforeAnyRequest() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:copyObject?bucket=" + bucket + "&key=a.txt&destinationBucket=" + bucket, null, Map.of());

        assertThat(e).hasMessageContaining("trays3 copyObject").hasMessageContaining("the key input")
                .hasMessageContaining("'a.txt'").hasMessageContaining("allowed: another bucket or key");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void aMissingDestinationBucketIsRefusedAndAMissingSourceIsAServiceError() {
        Trays3InvalidInputException missing = failure(Trays3InvalidInputException.class,
                "trays3:copyObject?bucket=" + bucket + "&key=a.txt&destinationBucket=Not_A_Bucket", null, Map.of());
        Trays3ServiceException notFound = failure(Trays3ServiceException.class,
                "trays3:copyObject?bucket=" + bucket + "&key=missing.txt&destinationBucket=" + destination, null, Map.of());

        assertThat(missing.getInput()).isEqualTo("option 'destinationBucket'");
        assertThat(notFound.getStatusCode()).isEqualTo(404);
        assertThat(notFound.getKey()).isEqualTo("missing.txt");
    }

    @Test
    void aSourceAboveTheSingleCopyLimitIsCopiedInPartsServerSide() {
        byte[] content = TestBytes.random(11 * 1024 * 1024 + 123, 42);
        s3.putObject(p -> p.bucket(bucket).key("big.bin"), RequestBody.fromBytes(content));
        MultipartCopier copier = new MultipartCopier(s3, 5L * 1024 * 1024, 5L * 1024 * 1024);

        assertThat(copier.needsParts(content.length)).isTrue();
        MultipartCopier.Copied copied = copier.copy(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey("big.bin")
                .destinationBucket(destination).destinationKey("big-copy.bin").contentType("application/x-big").build(),
                content.length);

        HeadObjectResponse copy = s3.headObject(h -> h.bucket(destination).key("big-copy.bin"));
        assertThat(copied.eTag()).isEqualTo(copy.eTag()).endsWith("-3\"");
        assertThat(copy.contentType()).isEqualTo("application/x-big");
        assertThat(TestBytes.sha256(s3.getObjectAsBytes(g -> g.bucket(destination).key("big-copy.bin")).asByteArray()))
                .isEqualTo(TestBytes.sha256(content));
    }

    @Test
    void aLargeCopyThatFailsLeavesNoUploadBehind() {
        MultipartCopier copier = new MultipartCopier(s3, 1, 5L * 1024 * 1024);

        assertThatThrownBy(() -> copier.copy(CopyObjectRequest.builder().sourceBucket(bucket).sourceKey("gone.bin")
                .destinationBucket(destination).destinationKey("half.bin").build(), 6L * 1024 * 1024))
                .isInstanceOf(S3Exception.class);

        assertThat(s3.listMultipartUploads(l -> l.bucket(destination)).uploads()).isEmpty();
        assertThat(s3.listObjectsV2(l -> l.bucket(destination)).contents()).isEmpty();
    }
}
