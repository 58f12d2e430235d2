package io.trays3.metrics;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.trays3.client.S3ErrorCodes;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Request;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The S3 client as one operation uses it: every request through it is counted in {@link Trays3Metrics} under the
 * operation and the request's bucket, with its outcome, latency and retries (counted by {@link AttemptCounter} on the
 * clients trays3 builds, else from the SDK's RETRY_COUNT through a MetricPublisher on the request); the bodies it
 * uploads and the content it downloads are counted in bytes and are transfers in flight while they move. It never
 * closes the client it wraps: that client's owner does.
 */
public final class MeteredS3Client extends DelegatingS3Client {

    /** Bytes read from a download are counted in steps of this, and at its end. */
    private static final long FLUSH_BYTES = 256 * 1024;

    private final Trays3Metrics metrics;
    private final String operation;
    private final Function<String, String> priceRegion;
    private final boolean countsAttempts;
    private final Map<String, Transfer> uploadsInParts = new ConcurrentHashMap<>();

    /**
     * @param priceRegion    the region whose prices apply to a bucket (null bucket: no bucket)
     * @param countsAttempts whether {@code delegate} carries {@link AttemptCounter#INSTANCE} (trays3 built it)
     */
    public MeteredS3Client(S3Client delegate, Trays3Metrics metrics, String operation, Function<String, String> priceRegion,
                           boolean countsAttempts) {
        super(delegate);
        this.metrics = metrics;
        this.operation = operation;
        this.priceRegion = priceRegion;
        this.countsAttempts = countsAttempts;
    }

    @Override
    protected <T extends S3Request, R> R invokeOperation(T request, Function<T, R> call) {
        String bucket = request.getValueForField("Bucket", String.class).orElse(null);
        String name = requestName(request);
        T counted = countsAttempts ? request : countingRetries(request, bucket, name);
        AttemptCounter.Count attempts = countsAttempts ? AttemptCounter.start() : null;
        long start = System.nanoTime();
        String code = null;
        try {
            return call.apply(counted);
        } catch (S3Exception e) {
            code = S3ErrorCodes.of(e);
            code = code == null ? "HTTP " + e.statusCode() : code;
            throw e;
        } catch (RuntimeException | Error e) {
            code = e.getClass().getSimpleName();
            throw e;
        } finally {
            metrics.recordRequest(operation, bucket, priceRegion.apply(bucket), name, code, System.nanoTime() - start);
            if (attempts != null) {
                attempts.close();
                metrics.recordRetries(operation, bucket, name, attempts.retries());
            }
        }
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        long length = body.optionalContentLength().orElse(-1L);
        Transfer transfer = metrics.startTransfer(operation, request.bucket(), request.key(), Direction.UP, length);
        try {
            PutObjectResponse response = super.putObject(request, body);
            uploaded(transfer, request.bucket(), length);
            return response;
        } finally {
            transfer.end();
        }
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
        Transfer transfer = uploadsInParts.computeIfAbsent(request.uploadId(),
                id -> metrics.startTransfer(operation, request.bucket(), request.key(), Direction.UP, -1));
        UploadPartResponse response = super.uploadPart(request, body);
        uploaded(transfer, request.bucket(), body.optionalContentLength().orElse(-1L));
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        try {
            return super.completeMultipartUpload(request);
        } finally {
            endUpload(request.uploadId());
        }
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        try {
            return super.abortMultipartUpload(request);
        } finally {
            endUpload(request.uploadId());
        }
    }

    @Override
    public <R> R getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, R> transformer) {
        return super.getObject(request, new CountingTransformer<>(transformer, request.bucket(), request.key()));
    }

    /** Leaves the wrapped client open: whoever built it closes it. */
    @Override
    public void close() {
        // nothing of its own to close
    }

    private void uploaded(Transfer transfer, String bucket, long length) {
        if (length > 0) {
            transfer.progress(length);
            metrics.recordBytes(operation, bucket, priceRegion.apply(bucket), Direction.UP, length);
        }
    }

    private void endUpload(String uploadId) {
        Transfer transfer = uploadId == null ? null : uploadsInParts.remove(uploadId);
        if (transfer != null) {
            transfer.end();
        }
    }

    /** {@code PutObjectRequest} → {@code PutObject}. */
    private static String requestName(S3Request request) {
        String name = request.getClass().getSimpleName();
        return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
    }

    /** For a client trays3 did not build: the request with a MetricPublisher that reports its RETRY_COUNT. */
    @SuppressWarnings("unchecked")
    private <T extends S3Request> T countingRetries(T request, String bucket, String name) {
        MetricPublisher retries = new MetricPublisher() {
            @Override
            public void publish(MetricCollection collection) {
                int count = collection.metricValues(CoreMetric.RETRY_COUNT).stream().mapToInt(Integer::intValue).sum();
                metrics.recordRetries(operation, bucket, name, count);
            }

            @Override
            public void close() {
                // holds nothing
            }
        };
        AwsRequestOverrideConfiguration.Builder override = request.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder).orElseGet(AwsRequestOverrideConfiguration::builder);
        return (T) request.toBuilder().overrideConfiguration(override.addMetricPublisher(retries).build()).build();
    }

    /** Hands the caller's transformer a stream that counts what is read and ends the transfer when closed or aborted. */
    private final class CountingTransformer<R> implements ResponseTransformer<GetObjectResponse, R> {

        private final ResponseTransformer<GetObjectResponse, R> delegate;
        private final String bucket;
        private final String key;

        CountingTransformer(ResponseTransformer<GetObjectResponse, R> delegate, String bucket, String key) {
            this.delegate = delegate;
            this.bucket = bucket;
            this.key = key;
        }

        @Override
        public R transform(GetObjectResponse response, AbortableInputStream in) throws Exception {
            Long length = response.contentLength();
            Transfer transfer = metrics.startTransfer(operation, bucket, key, Direction.DOWN, length == null ? -1 : length);
            CountingStream counting = new CountingStream(in, transfer, bucket);
            try {
                return delegate.transform(response, AbortableInputStream.create(counting, () -> {
                    counting.finish();
                    in.abort();
                }));
            } catch (Exception | Error e) {
                counting.finish();
                throw e;
            } finally {
                if (!delegate.needsConnectionLeftOpen()) {
                    // the transformer read what it wanted (to bytes, a file, a stream) before it returned
                    counting.finish();
                }
            }
        }

        @Override
        public boolean needsConnectionLeftOpen() {
            return delegate.needsConnectionLeftOpen();
        }

        @Override
        public String name() {
            return delegate.name();
        }
    }

    /** Counts the bytes read, in steps, and once more when it ends. */
    private final class CountingStream extends FilterInputStream {

        private final Transfer transfer;
        private final String bucket;
        private long unreported;

        CountingStream(InputStream in, Transfer transfer, String bucket) {
            super(in);
            this.transfer = transfer;
            this.bucket = bucket;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            } else {
                finish();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            } else if (n < 0) {
                finish();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                finish();
            }
        }

        private synchronized void counted(long n) {
            if (n <= 0) {
                return;
            }
            transfer.progress(n);
            unreported += n;
            if (unreported >= FLUSH_BYTES) {
                flush();
            }
        }

        synchronized void finish() {
            flush();
            transfer.end();
        }

        private void flush() {
            if (unreported > 0) {
                metrics.recordBytes(operation, bucket, priceRegion.apply(bucket), Direction.DOWN, unreported);
                unreported = 0;
            }
        }
    }
}
