package io.trays3.operation;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import io.trays3.model.ObjectContent;
import io.trays3.model.Progress;
import io.trays3.model.ProgressMeter;
import io.trays3.model.RangedDownload;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code getObject}: the content as an {@link ObjectContent} body, streamed and never cached, closed when the exchange
 * completes; the object's metadata as headers.
 */
final class GetObjectProducer extends OperationProducer {

    private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-fA-F]{32}");
    static final int MAX_DOWNLOAD_CONCURRENCY = 64;
    static final long MIN_PART_SIZE = 1024L * 1024;
    static final long MAX_PART_SIZE = 1024L * 1024 * 1024;

    GetObjectProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.getObject);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String versionId = inputs.versionId();
        String range = range(inputs);
        Integer concurrency = inputs.intWithin(Input.DOWNLOAD_CONCURRENCY, 1, MAX_DOWNLOAD_CONCURRENCY);
        Long partSize = inputs.longWithin(Input.DOWNLOAD_PART_SIZE, MIN_PART_SIZE, MAX_PART_SIZE,
                                          MIN_PART_SIZE + " (1 MiB) to " + MAX_PART_SIZE + " (1 GiB) bytes");
        ResponseInputStream<GetObjectResponse> download =
                transfers().getObject(r -> r.bucket(bucket).key(key).versionId(versionId).range(range));
        GetObjectResponse response = download.response();
        String expectedMd5 = getEndpoint().getConfiguration().isVerifyDownloads() && range == null
                ? md5OfETag(response) : null;
        long length = response.contentLength() == null ? -1 : response.contentLength();
        ProgressMeter progress = Meters.meter(getEndpoint(), inputs, Progress.Unit.BYTES, length, bucket, key);
        ObjectContent content = new ObjectContent(bucket, key, response.contentLength(), response.contentType(),
                                                  response.metadata(), expectedMd5, download, progress);
        if (range == null && response.eTag() != null) {
            // a download cut off part way goes on from where it stopped, with the same object only (If-Match its ETag)
            String version = response.versionId() != null ? response.versionId() : versionId;
            int resumes = Math.max(0, getEndpoint().getConfiguration().getMaxAttempts() - 1);
            content.resumable(offset -> sameObject(inputs, version, response.eTag(), "bytes=" + offset + "-"), resumes);
            int ranges = concurrency == null ? Trays3Configuration.DEFAULT_DOWNLOAD_CONCURRENCY : concurrency;
            long part = partSize == null ? Trays3Configuration.DEFAULT_DOWNLOAD_PART_SIZE : partSize;
            if (ranges > 1 && length >= 2 * part) {
                content.inRanges(new RangedDownload.Plan(operation().name(), bucket, key, length, part, ranges, resumes,
                        expectedMd5, (first, last) -> sameObject(inputs, version, response.eTag(),
                                                                 "bytes=" + first + "-" + last)));
            }
        }
        Exchange exchange = inputs.exchange();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                content.close();
            }
        });
        Message message = exchange.getMessage();
        message.setBody(content);
        message.setHeader(Trays3Constants.CONTENT_TYPE, response.contentType());
        message.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        message.setHeader(Trays3Constants.CONTENT_LENGTH, response.contentLength());
        message.setHeader(Trays3Constants.E_TAG, response.eTag());
        message.setHeader(Trays3Constants.LAST_MODIFIED, JsonShapes.instant(response.lastModified()));
        Map<String, String> metadata = Map.copyOf(response.metadata());
        message.setHeader(Trays3Constants.METADATA, metadata);
        message.setHeader(Trays3Constants.VERSION_ID, response.versionId());
        // the headers report what was read; these properties mark them, so that no later operation takes them as inputs
        exchange.setProperty(Trays3Constants.READ_VERSION_ID, response.versionId());
        exchange.setProperty(Trays3Constants.READ_CONTENT_TYPE, response.contentType());
        exchange.setProperty(Trays3Constants.READ_METADATA, metadata);
    }

    /**
     * A range of the object the first answer came from: its version, and If-Match its ETag, so that an object replaced in
     * the meantime fails (412) rather than mixing. Called outside {@link #process}, so it translates failures itself.
     */
    private ResponseInputStream<GetObjectResponse> sameObject(OperationInputs inputs, String version, String eTag,
                                                              String range) {
        try {
            return transfers().getObject(r -> r.bucket(inputs.resolvedBucket()).key(inputs.resolvedKey())
                    .versionId(version).range(range).ifMatch(eTag));
        } catch (SdkException e) {
            throw S3Failures.translate(inputs, e, () -> operation().grants(inputs));
        }
    }

    /**
     * The MD5 an object's ETag names, when it names one: a single-part upload's ETag is the MD5 of its content, except
     * with KMS or customer-provided keys (S3-managed keys, AES256, keep it); a multipart ETag ends in -parts. Null too
     * when the SDK already checks a checksum the answer carries.
     */
    private static String md5OfETag(GetObjectResponse response) {
        String eTag = response.eTag() == null ? "" : response.eTag().replace("\"", "");
        boolean sdkChecks = response.checksumCRC32() != null || response.checksumCRC32C() != null
                            || response.checksumCRC64NVME() != null || response.checksumSHA1() != null
                            || response.checksumSHA256() != null;
        boolean encrypted = response.sseCustomerAlgorithm() != null || response.serverSideEncryption() != null
                            && response.serverSideEncryption() != ServerSideEncryption.AES256;
        return MD5_ETAG.matcher(eTag).matches() && !sdkChecks && !encrypted ? eTag.toLowerCase(Locale.ROOT) : null;
    }

    /** An HTTP Range header from the inclusive offsets, or null for the whole object. */
    private static String range(OperationInputs inputs) {
        Long from = inputs.offset(Input.RANGE_FROM);
        Long to = inputs.offset(Input.RANGE_TO);
        if (from == null && to == null) {
            return null;
        }
        long first = from == null ? 0 : from;
        if (to != null && to < first) {
            throw inputs.invalid(inputs.resolve(Input.RANGE_TO).source(), to,
                                 "is before rangeFrom " + first + "; allowed: rangeTo >= rangeFrom (both inclusive)");
        }
        return "bytes=" + first + "-" + (to == null ? "" : to);
    }
}
