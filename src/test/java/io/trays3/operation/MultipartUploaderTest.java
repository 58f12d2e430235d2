package io.trays3.operation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trays3.Trays3Exception;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.trays3.support.TestBytes.MIB;
import static io.trays3.support.TestBytes.random;
import static io.trays3.support.TestBytes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Edges of multipart uploads against the real server: S3's part limit (lowered here), where files grow their parts and
 * streams are refused cleanly, and an interrupted upload that still leaves nothing behind.
 */
class MultipartUploaderTest extends S3TestSupport {

    private static final int PART_LIMIT = 2;

    private final ExecutorService partUploads = Executors.newCachedThreadPool();

    @TempDir
    Path tempDir;

    @AfterEach
    void stopPartUploads() {
        partUploads.shutdownNow();
    }

    private MultipartUploader uploader() {
        return new MultipartUploader(s3, partUploads, PART_LIMIT);
    }

    private PutObjectRequest request(String key) {
        return PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/octet-stream").build();
    }

    private byte[] objectBytes(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    @Test
    void aFileWithMorePartsThanTheLimitGetsLargerPartsAndRoundTrips() throws IOException {
        byte[] content = random(20 * MIB + 3, 31);
        Path file = Files.write(tempDir.resolve("big.bin"), content);

        PutObjectResponse response = uploader().uploadFile(request("big.bin"), file);

        assertThat(response.eTag()).as("20 MiB in 8 MiB parts would be 3 parts; the limit of 2 makes them 11 MiB")
                .matches("\"[0-9a-f]{32}-2\"");
        assertThat(sha256(objectBytes("big.bin"))).isEqualTo(sha256(content));
    }

    @Test
    void aStreamLongerThanThePartLimitIsRefusedAndLeavesNothing() {
        byte[] content = random(2 * MultipartUploader.PART_SIZE + 1, 32);

        Throwable thrown = catchThrowable(() -> uploader().uploadStream(request("endless.bin"),
                                                                         new ByteArrayInputStream(content)));

        assertThat(thrown).isInstanceOf(Trays3Exception.class).hasMessageContaining("putObjectFile")
                .hasMessageContaining(bucket + "/endless.bin").hasMessageContaining("limit of 2 parts of 8 MiB")
                .hasMessageContaining("aborted").hasMessageContaining("upload the file");
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).extracting(S3Object::key).as("objects left behind")
                .isEmpty();
        assertThat(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads()).as("multipart uploads left behind").isEmpty();
    }

    @Test
    void aStreamOfExactlyThePartLimitRoundTrips() throws IOException {
        byte[] content = random(2 * MultipartUploader.PART_SIZE, 33);

        PutObjectResponse response = uploader().uploadStream(request("full.bin"), new ByteArrayInputStream(content));

        assertThat(response.eTag()).matches("\"[0-9a-f]{32}-2\"");
        assertThat(sha256(objectBytes("full.bin"))).isEqualTo(sha256(content));
    }

    @Test
    void anInterruptedStreamUploadIsStillAbortedAndTheInterruptKept() {
        byte[] content = random(MultipartUploader.PART_SIZE + 1024, 34);
        InputStream interrupting = new SequenceInputStream(new ByteArrayInputStream(content), new InputStream() {
            @Override
            public int read() throws IOException {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the route was stopped");
            }
        });

        Throwable thrown;
        boolean interruptKept;
        try {
            thrown = catchThrowable(() -> uploader().uploadStream(request("interrupted.bin"), interrupting));
        } finally {
            interruptKept = Thread.interrupted();
        }

        assertThat(thrown).isInstanceOf(UncheckedIOException.class).hasMessageContaining("aborted")
                .hasRootCauseInstanceOf(InterruptedIOException.class);
        assertThat(interruptKept).as("the thread is still interrupted afterwards").isTrue();
        assertThat(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads()).as("multipart uploads left behind").isEmpty();
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).as("objects left behind").isEmpty();
    }

    @Test
    void anErrorWhileReadingPart2AbortsTheUploadAndIsRethrownAsItWas() {
        // part 1 is on its way when reading part 2 fails with an Error, not an IOException or RuntimeException
        byte[] content = random(MultipartUploader.PART_SIZE + 1024, 35);
        OutOfMemoryError error = new OutOfMemoryError("Java heap space (thrown by the test while part 2 is read)");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(content), new InputStream() {
            @Override
            public int read() {
                throw error;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                throw error;
            }
        });

        Throwable thrown = catchThrowable(() -> uploader().uploadStream(request("error.bin"), failing));

        assertThat(thrown).as("the Error itself, rethrown").isSameAs(error);
        assertThat(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads()).as("multipart uploads left behind").isEmpty();
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).as("objects left behind").isEmpty();
    }
}
