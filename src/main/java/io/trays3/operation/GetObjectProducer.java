package io.trays3.operation;

import java.util.Map;

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

/**
 * {@code getObject}: the content as an {@link ObjectContent} body, streamed and never cached, closed when the exchange
 * completes; the object's metadata as headers.
 */
final class GetObjectProducer extends OperationProducer {

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
                s3().getObject(r -> r.bucket(bucket).key(key).versionId(versionId).range(range));
        GetObjectResponse response = download.response();
        long length = response.contentLength() == null ? -1 : response.contentLength();
        ObjectContent content = new ObjectContent(bucket, key, response.contentLength(), response.contentType(), download,
                                                  Meters.meter(getEndpoint(), inputs, Progress.Unit.BYTES, length, bucket, key));
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
        message.setHeader(Trays3Constants.METADATA, Map.copyOf(response.metadata()));
        message.setHeader(Trays3Constants.VERSION_ID, response.versionId());
        inputs.exchange().setProperty(Trays3Constants.READ_VERSION_ID, response.versionId());
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
