package io.trays3.model;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The content of an object read by {@code getObject}: one open download that can be read once, as a stream, bytes, text
 * or a file (Camel converts it on demand). It is deliberately not an {@code InputStream}, so Camel's stream caching does
 * not copy it into memory; the exchange closes it when it completes, so no connection leaks whether it was read or not.
 */
public final class ObjectContent implements Closeable {

    private final String bucket;
    private final String key;
    private final Long contentLength;
    private final String contentType;
    private final ResponseInputStream<?> download;
    private final TrackingStream stream;
    private final AtomicBoolean handedOut = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ProgressMeter progress;

    public ObjectContent(String bucket, String key, Long contentLength, String contentType, ResponseInputStream<?> download) {
        this(bucket, key, contentLength, contentType, download, null);
    }

    /** As above, counting the bytes read on a progress meter (null for none), finished at the end of the content. */
    public ObjectContent(String bucket, String key, Long contentLength, String contentType, ResponseInputStream<?> download,
                         ProgressMeter progress) {
        this.progress = progress;
        this.bucket = bucket;
        this.key = key;
        this.contentLength = contentLength;
        this.contentType = contentType;
        this.download = download;
        this.stream = new TrackingStream(download);
    }

    /** The content as a stream; it can be taken once, and closing it closes the download. */
    public InputStream openStream() {
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
        return stream;
    }

    private IllegalStateException alreadyRead() {
        return new IllegalStateException("The content of s3://" + bucket + "/" + key + " was already read; it is a single"
                                         + " download (convert the body once, e.g. to String or byte[], to reuse it)");
    }

    /** Reads the whole content into memory. */
    public byte[] readAllBytes() {
        try (InputStream in = openStream()) {
            return in.readAllBytes();
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

        TrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            counted(n);
            return n;
        }

        private void counted(int n) {
            if (n < 0) {
                reachedEnd = true;
                if (progress != null) {
                    progress.finish();
                }
            } else if (progress != null && n > 0) {
                progress.advance(n);
            }
        }

        @Override
        public void close() {
            ObjectContent.this.close();
        }
    }
}
