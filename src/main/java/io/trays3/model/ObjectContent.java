package io.trays3.model;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The content of an object read by {@code getObject}: one open download that can be read once, as a stream, bytes, text
 * or a file (Camel converts it on demand). It is deliberately not an {@code InputStream}, so Camel's stream caching does
 * not copy it into memory; the exchange closes it when it completes, so no connection leaks whether it was read or not.
 */
public final class ObjectContent implements Closeable {

    /** The longest array the JVM allocates (a few bytes short of Integer.MAX_VALUE). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final String bucket;
    private final String key;
    private final Long contentLength;
    private final String contentType;
    private final Map<String, String> metadata;
    private final String expectedMd5;
    private volatile ResponseInputStream<?> download;
    private volatile Resume resume;
    private volatile int resumesLeft;
    private volatile RangedDownload.Plan ranges;
    private final TrackingStream stream;
    private final AtomicBoolean handedOut = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ProgressMeter progress;

    public ObjectContent(String bucket, String key, Long contentLength, String contentType, ResponseInputStream<?> download) {
        this(bucket, key, contentLength, contentType, Map.of(), download);
    }

    /** Content with the object's user metadata, which an upload of this content as it is carries along. */
    public ObjectContent(String bucket, String key, Long contentLength, String contentType, Map<String, String> metadata,
                         ResponseInputStream<?> download) {
        this(bucket, key, contentLength, contentType, metadata, null, download);
    }

    /**
     * Content checked as it is read: at its end, its length against {@code contentLength} and, when
     * {@code expectedMd5} (32 hex digits) is given, its MD5; a mismatch fails the read that reached the end.
     */
    public ObjectContent(String bucket, String key, Long contentLength, String contentType, Map<String, String> metadata,
                         String expectedMd5, ResponseInputStream<?> download) {
        this(bucket, key, contentLength, contentType, metadata, expectedMd5, download, null);
    }

    /** As above, counting the bytes read on a progress meter (null for none), finished at the end of the content. */
    public ObjectContent(String bucket, String key, Long contentLength, String contentType, Map<String, String> metadata,
                         String expectedMd5, ResponseInputStream<?> download, ProgressMeter progress) {
        this.progress = progress;
        this.expectedMd5 = expectedMd5;
        this.bucket = bucket;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.key = key;
        this.contentLength = contentLength;
        this.contentType = contentType;
        this.download = download;
        this.stream = new TrackingStream(download);
    }

    /** Opens the rest of the content from a byte offset, when a download fails part way. */
    @FunctionalInterface
    public interface Resume {
        /** The content from {@code offset} to its end, of the same object (the same ETag) as before. */
        ResponseInputStream<?> from(long offset);
    }

    /**
     * Lets a download that fails part way (a reset, a connection closed early) go on from where it stopped, up to
     * {@code times} times, with a request for the rest of the same object; a failure that remains is the reader's.
     */
    public ObjectContent resumable(Resume from, int times) {
        this.resume = from;
        this.resumesLeft = times;
        return this;
    }

    /**
     * Lets {@link #writeTo(Path)} fetch the content as ranges in parallel (see {@link RangedDownload}) instead of reading
     * the one download; a stream read ignores it.
     */
    public ObjectContent inRanges(RangedDownload.Plan plan) {
        this.ranges = plan;
        return this;
    }

    /**
     * Writes the content to {@code file}, created or replaced: as parallel ranges when {@link #inRanges planned}, else
     * from the one download. Like a stream, it can be done once. A failure leaves the file incomplete: the caller
     * deletes it.
     */
    @SuppressWarnings("unchecked")
    public void writeTo(Path file) throws IOException {
        RangedDownload.Plan plan = ranges;
        if (plan == null) {
            try (InputStream in = openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        claim();
        try {
            new RangedDownload(plan, progress).writeTo(file, (ResponseInputStream<GetObjectResponse>) download);
        } finally {
            close();
        }
    }

    /** The content as a stream; it can be taken once, and closing it closes the download. */
    public InputStream openStream() {
        claim();
        return stream;
    }

    /** Takes the content for its one reader, or fails when it was read or closed already. */
    private void claim() {
        // checked first: reading the content to the end closes it, and a second read is a second read, not a late one
        if (handedOut.get()) {
            throw alreadyRead();
        }
        if (closed.get()) {
            throw new IllegalStateException("The content of s3://" + bucket + "/" + key + " is closed: the exchange that"
                                            + " read it has completed (a ProducerTemplate completes it before it"
                                            + " returns). Read or convert the body inside the route, for example"
                                            + " convertBodyTo(String.class) right after the getObject step");
        }
        if (!handedOut.compareAndSet(false, true)) {
            // another reader took it in the meantime
            throw alreadyRead();
        }
    }

    private IllegalStateException alreadyRead() {
        return new IllegalStateException("The content of s3://" + bucket + "/" + key + " was already read; it is a single"
                                         + " download (convert the body once, e.g. to String or byte[], to reuse it)");
    }

    /** Reads the whole content into memory. */
    public byte[] readAllBytes() {
        try (InputStream in = openStream()) {
            if (contentLength == null || contentLength > MAX_ARRAY) {
                return in.readAllBytes();
            }
            // the announced length in one array, filled once (InputStream.readAllBytes copies every byte twice); the end
            // of the stream is where the length and the MD5 are checked: a shorter download fails in readNBytes, a longer
            // one in the reads after it
            byte[] bytes = new byte[contentLength.intValue()];
            // hashed where it is read into, no copy for the MD5
            stream.stable = bytes;
            int filled = in.readNBytes(bytes, 0, bytes.length);
            if (filled == bytes.length && in.read() >= 0) {
                in.readAllBytes();
            }
            return filled == bytes.length ? bytes : Arrays.copyOf(bytes, filled);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read s3://" + bucket + "/" + key, e);
        }
    }

    public String getBucket() {
        return bucket;
    }

    public String getKey() {
        return key;
    }

    /** The length of the content S3 sends (the range's length for ranged reads), or null when unknown. */
    public Long getContentLength() {
        return contentLength;
    }

    public String getContentType() {
        return contentType;
    }

    /** The object's user metadata (x-amz-meta-*), as S3 sent it with the content. */
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /** Whether the download is closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the download. An unread or partly read download is aborted rather than drained, so closing a large
     * object that nobody read costs nothing; the HTTP connection goes back to the pool either way.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (!stream.reachedEnd) {
                download.abort();
            }
            try {
                download.close();
            } catch (IOException e) {
                // nothing is left to read: a failure to close must not fail the exchange that completed
            }
        }
    }

    @Override
    public String toString() {
        return "ObjectContent[s3://" + bucket + "/" + key + ", " + (contentLength == null ? "unknown length"
                : contentLength + " bytes") + ", " + contentType + "]";
    }

    /** Notes whether the reader reached the end, and closes the whole content when the reader closes it. */
    private final class TrackingStream extends FilterInputStream {

        private volatile boolean reachedEnd;
        private final DownloadMd5 md5 = expectedMd5 == null ? null : new DownloadMd5(contentLength);
        // the array readAllBytes fills, which stays as it is until the end
        private byte[] stable;
        private long count;
        private boolean checked;

        TrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b;
            while (true) {
                try {
                    b = super.read();
                    break;
                } catch (IOException e) {
                    resumeAfter(e);
                }
            }
            if (b < 0) {
                end();
            } else {
                count++;
                advance(1);
                if (md5 != null) {
                    md5.update((byte) b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            while (true) {
                try {
                    n = super.read(buffer, offset, length);
                    break;
                } catch (IOException e) {
                    resumeAfter(e);
                }
            }
            if (n < 0) {
                end();
            } else {
                count += n;
                advance(n);
                if (md5 != null && stable == buffer) {
                    md5.updateStable(buffer, offset, n);
                } else if (md5 != null) {
                    md5.update(buffer, offset, n);
                }
            }
            return n;
        }

        /** After a failed read: goes on from the byte reached with a new request, or rethrows the failure. */
        private void resumeAfter(IOException failure) throws IOException {
            Resume from = resume;
            if (from == null || resumesLeft <= 0 || closed.get()) {
                throw failure;
            }
            resumesLeft--;
            download.abort();
            try {
                download = from.from(count);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
                throw failure;
            }
            in = download;
        }

        /** At the end: the content must be as long as S3 said, and have the MD5 its ETag names. */
        private void end() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            if (contentLength != null && count != contentLength) {
                throw new IOException("s3://" + bucket + "/" + key + " ended after " + count + " of its " + contentLength
                                      + " bytes: the download was cut short; read it again");
            }
            if (md5 != null) {
                String actual = md5.hex();
                if (!actual.equalsIgnoreCase(expectedMd5)) {
                    throw new IOException("s3://" + bucket + "/" + key + " arrived corrupted: its MD5 is " + actual
                                          + " but its ETag says " + expectedMd5 + "; read it again (set verifyDownloads="
                                          + "false only for a server whose ETags are not MD5 digests)");
                }
            }
            reachedEnd = true;
            if (progress != null) {
                progress.finish();
            }
        }

        private void advance(int n) {
            if (progress != null && n > 0) {
                progress.advance(n);
            }
        }

        @Override
        public void close() {
            ObjectContent.this.close();
        }
    }
}
