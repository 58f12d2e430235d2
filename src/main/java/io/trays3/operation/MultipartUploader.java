package io.trays3.operation;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Uploads files and streams at constant memory: one PutObject up to {@link #SINGLE_PUT_LIMIT}, multipart beyond (or for
 * streams longer than one part). Whatever fails mid-way, the multipart upload is aborted.
 */
final class MultipartUploader {

    /** Part size: S3 wants at least 5 MiB for all but the last part. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    /** Files up to this size go in one request. */
    static final long SINGLE_PUT_LIMIT = 2L * PART_SIZE;

    private final S3Client s3;

    MultipartUploader(S3Client s3) {
        this.s3 = s3;
    }

    PutObjectResponse uploadFile(PutObjectRequest request, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of " + file, e);
        }
        if (size <= SINGLE_PUT_LIMIT) {
            return s3.putObject(request, RequestBody.fromFile(file));
        }
        return multipart(request, (uploadId, parts) -> {
            for (long offset = 0; offset < size; offset += PART_SIZE) {
                long partOffset = offset;
                long length = Math.min(PART_SIZE, size - offset);
                // the SDK may replay a part on retry: each replay opens the file at the part's offset again
                RequestBody part = RequestBody.fromContentProvider(() -> openAt(file, partOffset, length), length,
                                                                   request.contentType());
                uploadPart(request, uploadId, parts, part);
            }
        });
    }

    PutObjectResponse uploadStream(PutObjectRequest request, InputStream stream) throws IOException {
        byte[] buffer = new byte[PART_SIZE];
        int filled = stream.readNBytes(buffer, 0, PART_SIZE);
        if (filled < PART_SIZE) {
            return s3.putObject(request, buffered(buffer, filled, request.contentType()));
        }
        return multipart(request, (uploadId, parts) -> {
            int length = filled;
            while (length > 0) {
                uploadPart(request, uploadId, parts, buffered(buffer, length, request.contentType()));
                length = stream.readNBytes(buffer, 0, PART_SIZE);
            }
        });
    }

    /** The first bytes of a buffer, without copying it (the SDK may read them again on a retry). */
    private static RequestBody buffered(byte[] buffer, int length, String contentType) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, contentType);
    }

    /** The parts of one upload, sent in order. */
    private interface PartWriter {
        void write(String uploadId, List<CompletedPart> parts) throws IOException;
    }

    private PutObjectResponse multipart(PutObjectRequest request, PartWriter writer) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(request.bucket()).key(request.key()).acl(request.acl())
                .metadata(request.metadata()).contentType(request.contentType())).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        try {
            writer.write(uploadId, parts);
            var completed = s3.completeMultipartUpload(r -> r.bucket(request.bucket()).key(request.key())
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            return PutObjectResponse.builder().eTag(completed.eTag()).versionId(completed.versionId()).build();
        } catch (IOException | RuntimeException e) {
            abort(request, uploadId, e);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not read the upload for " + request.bucket() + "/" + request.key()
                                               + "; the multipart upload was aborted", io);
            }
            throw (RuntimeException) e;
        }
    }

    private void uploadPart(PutObjectRequest request, String uploadId, List<CompletedPart> parts, RequestBody body) {
        int partNumber = parts.size() + 1;
        String eTag = s3.uploadPart(r -> r.bucket(request.bucket()).key(request.key()).uploadId(uploadId)
                .partNumber(partNumber).contentLength(body.optionalContentLength().orElse(null)), body).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
    }

    private void abort(PutObjectRequest request, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(request.bucket()).key(request.key()).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }

    private static InputStream openAt(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Reads at most a given number of bytes of a stream. */
    private static final class BoundedInputStream extends FilterInputStream {

        private long remaining;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
