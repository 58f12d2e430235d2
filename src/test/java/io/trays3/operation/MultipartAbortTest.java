package io.trays3.operation;

import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static io.trays3.support.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A part that S3 refuses while other parts are on the wire (a stub, since a real server will not refuse one part on
 * demand): the upload is aborted only once those parts have settled, so none lands after the abort, and never completed.
 */
class MultipartAbortTest {

    private static final String UPLOAD_ID = "upload-1";

    private final AtomicBoolean thirdPartAnswered = new AtomicBoolean();
    private final AtomicBoolean abortedBeforeThirdPartAnswered = new AtomicBoolean();
    private final ExecutorService partUploads = Executors.newCachedThreadPool();
    private StubS3Server stub;
    private S3Client s3;

    @BeforeEach
    void start() throws Exception {
        stub = StubS3Server.routingConcurrently(this::answer);
        s3 = S3Client.builder().endpointOverride(stub.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret")))
                .build();
    }

    @AfterEach
    void stop() {
        s3.close();
        stub.close();
        partUploads.shutdownNow();
    }

    private Response answer(StubS3Server.Request request) {
        String query = request.query() == null ? "" : request.query();
        if ("POST".equals(request.method()) && query.startsWith("uploads")) {
            return new Response(200, "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>" + UPLOAD_ID
                                     + "</UploadId></InitiateMultipartUploadResult>");
        }
        if ("DELETE".equals(request.method())) {
            abortedBeforeThirdPartAnswered.set(!thirdPartAnswered.get());
            return new Response(204, "");
        }
        if ("PUT".equals(request.method()) && query.contains("partNumber=2")) {
            return new Response(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ2"));
        }
        if ("PUT".equals(request.method()) && query.contains("partNumber=3")) {
            // a slow part: still on the wire when part 2's refusal arrives
            sleepQuietly(300);
            thirdPartAnswered.set(true);
        }
        return new Response(200, "", "ETag", "\"etag\"");
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRefusedPartAbortsTheUploadAfterThePartsInFlightSettleAndNeverCompletesIt() {
        byte[] content = random(2 * MultipartUploader.PART_SIZE + 1024, 41);
        PutObjectRequest request = PutObjectRequest.builder().bucket("b").key("k").contentType("application/octet-stream")
                .build();

        Throwable thrown = catchThrowable(() -> new MultipartUploader(s3, partUploads)
                .uploadStream(request, new ByteArrayInputStream(content)));

        assertThat(thrown).as("S3's refusal of part 2, as S3 said it").isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        assertThat(stub.requests()).as("requests").contains("DELETE /b/k?uploadId=" + UPLOAD_ID)
                .noneMatch(r -> r.startsWith("POST /b/k?uploadId="));
        assertThat(stub.requests().get(stub.requests().size() - 1)).as("the abort is the last request")
                .isEqualTo("DELETE /b/k?uploadId=" + UPLOAD_ID);
        assertThat(thirdPartAnswered).as("part 3 was on the wire").isTrue();
        assertThat(abortedBeforeThirdPartAnswered).as("the abort waited for part 3").isFalse();
    }
}
