package io.trays3.operation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** {@code putObjectText}: uploads the body as UTF-8 text with a MIME type (default text/plain; charset=utf-8). */
final class PutObjectTextProducer extends OperationProducer {

    static final String DEFAULT_CONTENT_TYPE = "text/plain; charset=utf-8";

    PutObjectTextProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.putObjectText);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String acl = inputs.acl();
        Map<String, String> metadata = inputs.metadata();
        String contentType = inputs.contentType();
        byte[] text = text(inputs);
        String type = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        PutObjectResponse response = transfers().putObject(r -> r.bucket(bucket).key(key).acl(acl).metadata(metadata)
                .contentType(type), MultipartUploader.ofBytes(text, type));
        reply(inputs, JsonShapes.putResult(bucket, key, response.eTag(), response.versionId()));
    }

    /** The body as UTF-8 bytes: text, or bytes and streams taken as UTF-8 text; anything else is refused. */
    private static byte[] text(OperationInputs inputs) {
        Object body = inputs.exchange().getMessage().getBody();
        if (body instanceof CharSequence text) {
            // UTF-8 cannot encode a lone surrogate: Java would store ? in its place
            int index = InputValues.unpairedSurrogate(text);
            if (index >= 0) {
                throw inputs.invalid("the message body (" + body.getClass().getName() + ")", null, "has an unpaired"
                                     + " surrogate at index " + index + ", which UTF-8 cannot encode; allowed: valid"
                                     + " Unicode text (or bytes, for content that is not text)");
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw inputs.invalid("the message body (" + body.getClass().getName() + ")", null,
                                     "could not be read: " + e.getMessage());
            }
        }
        throw inputs.invalid("the message body (" + (body == null ? "null" : body.getClass().getName()) + ")", null,
                             "is not text; allowed: a String (or byte[] / InputStream of UTF-8). Convert it first, for"
                             + " example with marshal().json() or convertBodyTo(String.class); for files use putObjectFile");
    }
}
