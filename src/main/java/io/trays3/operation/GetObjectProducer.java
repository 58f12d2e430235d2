package io.trays3.operation;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.trays3.Trays3Constants;
import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import io.trays3.model.ObjectContent;
import io.trays3.model.Progress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code getObject}: the content as an {@link ObjectContent} body, streamed and never cached, closed when the exchange
 * completes; the object's metadata as headers.
 */
final class GetObjectProducer extends OperationProducer {

    private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-fA-F]{32}");

    GetObjectProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.getObject);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String versionId = inputs.versionId();
        String range = range(inputs);
        ResponseInputStream<GetObjectResponse> download =
                transfers().getObject(r -> r.bucket(bucket).key(key).versionId(versionId).range(range));
        GetObjectResponse response = download.response();
        String expectedMd5 = getEndpoint().getConfiguration().isVerifyDownloads() && range == null
                ? md5OfETag(response) : null;
        long length = response.contentLength() == null ? -1 : response.contentLength();
        ObjectContent content = new ObjectContent(bucket, key, response.contentLength(), response.contentType(),
                                                  response.metadata(), expectedMd5, download,
                                                  Meters.meter(getEndpoint(), inputs, Progress.Unit.BYTES, length, bucket, key));
        if (range == null && response.eTag() != null) {
            // a download cut off part way goes on from where it stopped, with the same object only (If-Match its ETag)
            String version = response.versionId() != null ? response.versionId() : versionId;
            content.resumable(offset -> transfers().getObject(r -> r.bucket(bucket).key(key).versionId(version)
                    .range("bytes=" + offset + "-").ifMatch(response.eTag())),
                              Math.max(0, getEndpoint().getConfiguration().getMaxAttempts() - 1));
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
