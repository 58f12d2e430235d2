package io.trays3.operation;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import io.trays3.Trays3ErrorMessage;
import io.trays3.model.ProgressMeter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Uploads files and streams at constant memory: one PutObject up to {@link #SINGLE_PUT_LIMIT}, multipart beyond (or for
 * streams longer than one part), with a few parts on the wire at once so one part's round trip overlaps the next.
 * Whatever fails mid-way, the parts in flight are waited for and the multipart upload is aborted.
 */
final class MultipartUploader {

    /** Part size of streams, and the smallest part size of files: S3 wants at least 5 MiB for all but the last part. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    /** Files up to this size go in one request. */
    static final long SINGLE_PUT_LIMIT = 2L * PART_SIZE;
    /** S3's limit of parts in one upload. */
    static final int MAX_PARTS = 10_000;
    /** Stream parts on the wire at once; each holds a part buffer, so a stream upload holds at most this many. */
    static final int STREAM_PARTS_IN_FLIGHT = 2;
    /** File parts on the wire at once; they are read from the file as they are sent, so they hold no buffer. */
    static final int FILE_PARTS_IN_FLIGHT = 4;

    private final S3Client s3;
    private final S3Client transfers;
    private final Executor partUploads;
    private final int maxParts;
    private ProgressMeter progress;

    /** An uploader that sends parts through the given executor (the caller's thread reads the body). */
    MultipartUploader(S3Client s3, Executor partUploads) {
        this(s3, s3, partUploads, MAX_PARTS);
    }

    /**
     * An uploader that starts and aborts uploads with {@code s3}, and sends bodies and completes with {@code transfers}
     * (calls whose time grows with the data, bounded by progress rather than by an attempt timeout).
     */
    MultipartUploader(S3Client s3, S3Client transfers, Executor partUploads) {
        this(s3, transfers, partUploads, MAX_PARTS);
    }

    /** As above, with a lower part limit, so tests can reach it. */
    MultipartUploader(S3Client s3, Executor partUploads, int maxParts) {
        this(s3, s3, partUploads, maxParts);
    }

    private MultipartUploader(S3Client s3, S3Client transfers, Executor partUploads, int maxParts) {
        this.s3 = s3;
        this.transfers = transfers;
        this.partUploads = partUploads;
        this.maxParts = maxParts;
    }

    /** Counts the bytes of the parts (or the single request) sent on this meter, finished when the upload completes. */
    MultipartUploader progress(ProgressMeter meter) {
        this.progress = meter;
        return this;
    }

    /**
     * A body of bytes as they are: {@code RequestBody.fromBytes} copies the array first (a 1 MiB put allocated 2.3 MiB),
     * and the exchange's body does not change while the one call that sends it runs.
     */
    static RequestBody ofBytes(byte[] bytes, String contentType) {
        return RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(bytes), bytes.length, contentType);
    }

    PutObjectResponse uploadFile(PutObjectRequest request, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the size of the file " + file + ": " + reason(e), e);
        }
        if (size <= SINGLE_PUT_LIMIT) {
            return sent(transfers.putObject(request, RequestBody.fromFile(file)), size);
        }
        // parts grow with the file, in whole MiB, so that it fits in S3's part limit
        long partSize = Math.max(PART_SIZE, ceilDiv(ceilDiv(size, maxParts), 1024 * 1024) * 1024 * 1024);
        return multipart(request, FILE_PARTS_IN_FLIGHT, partNumber -> {
            long offset = (partNumber - 1L) * partSize;
            if (offset >= size) {
                return null;
            }
            long length = Math.min(partSize, size - offset);
            // the SDK may replay a part on retry: each replay opens the file at the part's offset again
            return RequestBody.fromContentProvider(() -> openAt(file, offset, length), length, request.contentType());
        });
    }

    PutObjectResponse uploadStream(PutObjectRequest request, InputStream stream) throws IOException {
        PartBuffer first = new PartBuffer();
        int firstLength = first.fill(stream);
        if (firstLength < PART_SIZE) {
            return sent(transfers.putObject(request, first.body(request.contentType())), firstLength);
        }
        // part n reuses buffer (n - 1) % STREAM_PARTS_IN_FLIGHT: it is refilled only once the part before it in that
        // buffer has been sent
        PartBuffer[] buffers = new PartBuffer[STREAM_PARTS_IN_FLIGHT];
        buffers[0] = first;
        return multipart(request, STREAM_PARTS_IN_FLIGHT, partNumber -> {
            int slot = (partNumber - 1) % STREAM_PARTS_IN_FLIGHT;
            if (partNumber > 1) {
                if (buffers[slot] == null) {
                    buffers[slot] = new PartBuffer();
                }
                if (buffers[slot].fill(stream) == 0) {
                    return null;
                }
                if (partNumber > maxParts) {
                    throw Trays3ErrorMessage.of(Trays3Operation.putObjectFile.name()).on(request.bucket(), request.key())
                            .exception("the stream is longer than S3's limit of " + maxParts + " parts of "
                                       + PART_SIZE / (1024 * 1024) + " MiB, and the multipart upload was aborted",
                                       "Write it to a file and upload the file: a file's parts grow with its size", null);
                }
            }
            return buffers[slot].body(request.contentType());
        });
    }

    /** The parts of one upload, in order. */
    private interface PartSource {
        /** The body of part {@code partNumber} (from 1), or null after the last part. */
        RequestBody part(int partNumber) throws IOException;
    }

    private PutObjectResponse multipart(PutObjectRequest request, int partsInFlight, PartSource source) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(request.bucket()).key(request.key()).acl(request.acl())
                .metadata(request.metadata()).contentType(request.contentType())).uploadId();
        Deque<CompletableFuture<CompletedPart>> inFlight = new ArrayDeque<>();
        List<CompletedPart> parts = new ArrayList<>();
        try {
            for (int partNumber = 1; ; partNumber++) {
                if (inFlight.size() == partsInFlight) {
                    parts.add(await(inFlight.removeFirst()));
                }
                RequestBody body = source.part(partNumber);
                if (body == null) {
                    break;
                }
                int number = partNumber;
                inFlight.addLast(CompletableFuture.supplyAsync(() -> uploadPart(request, uploadId, number, body),
                                                               partUploads));
            }
            while (!inFlight.isEmpty()) {
                parts.add(await(inFlight.removeFirst()));
            }
            var completed = transfers.completeMultipartUpload(r -> r.bucket(request.bucket()).key(request.key())
                    .uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            return sent(PutObjectResponse.builder().eTag(completed.eTag()).versionId(completed.versionId()).build(), 0);
        } catch (Throwable e) {
            // every failure, an Error too (an OutOfMemoryError while reading a part): nothing is left behind
            abandon(request, uploadId, inFlight, e);
            if (e instanceof IOException io) {
                // what happened only: the producer's message names the operation and the place
                throw new UncheckedIOException((io instanceof InterruptedIOException ? "the upload was interrupted"
                        : "could not read the body") + ": " + reason(io) + "; the multipart upload was aborted", io);
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    private CompletedPart uploadPart(PutObjectRequest request, String uploadId, int partNumber, RequestBody body) {
        String eTag = transfers.uploadPart(r -> r.bucket(request.bucket()).key(request.key()).uploadId(uploadId)
                .partNumber(partNumber).contentLength(body.optionalContentLength().orElse(null)), body).eTag();
        if (progress != null) {
            progress.advance(body.optionalContentLength().orElse(0L));
        }
        return CompletedPart.builder().partNumber(partNumber).eTag(eTag).build();
    }

    /** An upload that completed, after {@code bytes} more were counted: the meter's last report. */
    private PutObjectResponse sent(PutObjectResponse response, long bytes) {
        if (progress != null) {
            progress.advance(bytes);
            progress.finish();
        }
        return response;
    }

    /** A part's result; its failure is rethrown as it was raised (an S3 error stays an S3 error). */
    private static CompletedPart await(CompletableFuture<CompletedPart> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a part was uploading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Lets the parts still on the wire finish, so none lands after the abort, then aborts the upload. An interrupt is
     * held back until this is done: the SDK would otherwise refuse the abort and leave the upload behind.
     */
    private void abandon(PutObjectRequest request, String uploadId, Deque<CompletableFuture<CompletedPart>> inFlight,
                         Throwable cause) {
        boolean interrupted = Thread.interrupted();
        try {
            for (CompletableFuture<CompletedPart> part : inFlight) {
                try {
                    part.join();
                } catch (CompletionException | CancellationException partFailure) {
                    // the first failure is the one reported
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        abort(s3, request.bucket(), request.key(), uploadId, cause);
    }

    /**
     * Aborts a multipart upload after a failure, which stays the one reported (a failed abort is added to it). An
     * interrupt is held back meanwhile: the SDK would otherwise refuse the abort and leave the upload behind.
     */
    static void abort(S3Client s3, String bucket, String key, String uploadId, Throwable cause) {
        boolean interrupted = Thread.interrupted();
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What an I/O failure says, for a message that names the file or the body itself. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException failure) {
            // its message is the file name
            return e.getClass().getSimpleName() + (failure.getReason() == null ? "" : " (" + failure.getReason() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private static InputStream openAt(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the file " + file + ": " + reason(e), e);
        }
    }

    /**
     * Up to one part of a stream, held in 256 KiB chunks allocated as they fill: a short stream costs little, and a
     * small heap never has to find 8 MiB in one piece.
     */
    private static final class PartBuffer {

        private static final int CHUNK_SIZE = 256 * 1024;

        private final byte[][] chunks = new byte[PART_SIZE / CHUNK_SIZE][];
        private int length;

        /** Reads up to one part from the stream, replacing what the buffer held; returns the bytes read. */
        int fill(InputStream stream) throws IOException {
            length = 0;
            for (int i = 0; i < chunks.length && length == i * CHUNK_SIZE; i++) {
                if (chunks[i] == null) {
                    chunks[i] = new byte[CHUNK_SIZE];
                }
                length += stream.readNBytes(chunks[i], 0, CHUNK_SIZE);
            }
            return length;
        }

        /** The buffered bytes as a request body, without copying them (the SDK may read them again on a retry). */
        RequestBody body(String contentType) {
            int filled = length;
            return RequestBody.fromContentProvider(() -> open(filled), filled, contentType);
        }

        private InputStream open(int filled) {
            List<InputStream> pieces = new ArrayList<>();
            for (int offset = 0; offset < filled; offset += CHUNK_SIZE) {
                pieces.add(new ByteArrayInputStream(chunks[offset / CHUNK_SIZE], 0, Math.min(CHUNK_SIZE, filled - offset)));
            }
            return new SequenceInputStream(Collections.enumeration(pieces));
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
