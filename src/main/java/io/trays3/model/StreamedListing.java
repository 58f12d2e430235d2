package io.trays3.model;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A listing of every key of a bucket (under a prefix), read one page at a time as it is iterated: the body of
 * {@code listBucketObjects?streamed=true}. Each entry is a JSON-shaped {@code {"Key","LastModified","ETag","Size",
 * "StorageClass"}} map (or {@code {"Prefix"}} with a delimiter), as in a listing's {@code Contents}. An iterator holds one
 * page; the next is requested when it is used up, so {@code split(body()).streaming()} passes a bucket of any size at
 * constant memory. It is one pass over the bucket, so it can be iterated once; closing the listing (or its iterator, which
 * the Split EIP does when it ends) stops any further page request, and it is closed when its exchange completes.
 * {@code deleteMultipleObjects} takes it as its body and its {@link #bucket()} as the bucket.
 */
public final class StreamedListing implements Iterable<Map<String, Object>>, Closeable {

    /** One page: its entries and the token of the next page (null on the last page). */
    public record Page(List<Map<String, Object>> entries, String nextToken) {

        /** The entries are copied. */
        public Page {
            entries = List.copyOf(entries);
        }
    }

    private final String bucket;
    private final String prefix;
    private final Page first;
    private final Function<String, Page> nextPage;
    private final ProgressMeter progress;
    private final AtomicInteger pagesFetched = new AtomicInteger(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean handedOut = new AtomicBoolean();

    /**
     * @param first    the first page, already read (so that a missing bucket or a refusal fails the listing step)
     * @param nextPage reads the page of a continuation token
     * @param progress counts the entries handed out; null for none
     */
    public StreamedListing(String bucket, String prefix, Page first, Function<String, Page> nextPage, ProgressMeter progress) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.first = first;
        this.nextPage = nextPage;
        this.progress = progress;
    }

    /** The bucket listed. */
    public String bucket() {
        return bucket;
    }

    /** The prefix listed, or null. */
    public String prefix() {
        return prefix;
    }

    /** How many pages were requested so far, the first one included. */
    public int pagesFetched() {
        return pagesFetched.get();
    }

    /** Whether the listing is closed: no more pages are requested. */
    public boolean isClosed() {
        return closed.get();
    }

    /** The entries; a listing is one pass over the bucket, so this can be called once. */
    @Override
    public PageIterator iterator() {
        if (!handedOut.compareAndSet(false, true)) {
            throw new IllegalStateException("The streamed listing of s3://" + bucket + " was already iterated; it is one"
                                            + " pass over the bucket (list again to read it again)");
        }
        return new PageIterator();
    }

    /** Stops the listing at the end of the page its iterator holds: no further page is requested. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && progress != null) {
            progress.finish();
        }
    }

    @Override
    public String toString() {
        return "StreamedListing[s3://" + bucket + "/" + (prefix == null ? "" : prefix) + ", " + pagesFetched()
               + " page(s) read" + (isClosed() ? ", closed" : "") + "]";
    }

    /** The entries, one page in memory at a time; closing it stops the listing. */
    public final class PageIterator implements Iterator<Map<String, Object>>, Closeable {

        private Iterator<Map<String, Object>> entries = first.entries().iterator();
        private String token = first.nextToken();

        @Override
        public boolean hasNext() {
            while (!entries.hasNext()) {
                if (token == null) {
                    StreamedListing.this.close();
                    return false;
                }
                if (closed.get()) {
                    throw new IllegalStateException("The streamed listing of s3://" + bucket + " is closed: its exchange"
                                                    + " completed (a ProducerTemplate completes it before it returns) or"
                                                    + " its reader closed it. Iterate it inside the route, for example"
                                                    + " with split(body()).streaming() right after the listing step");
                }
                Page page = nextPage.apply(token);
                pagesFetched.incrementAndGet();
                // a server that repeats a token would loop forever: end there
                token = token.equals(page.nextToken()) ? null : page.nextToken();
                entries = page.entries().iterator();
            }
            return true;
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the listing of s3://" + bucket + " has no more entries");
            }
            Map<String, Object> entry = entries.next();
            if (progress != null) {
                progress.advance(1);
            }
            return entry;
        }

        @Override
        public void close() {
            StreamedListing.this.close();
        }
    }
}
