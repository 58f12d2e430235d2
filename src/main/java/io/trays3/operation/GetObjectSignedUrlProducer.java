package io.trays3.operation;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import io.trays3.model.MimeTypes;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@code getObjectSignedUrl}: a presigned GET (or PUT) URL, signed locally: no request to S3, so it does not prove the
 * object exists.
 */
final class GetObjectSignedUrlProducer extends OperationProducer {

    static final int MAX_EXPIRES_SECONDS = 604_800;

    GetObjectSignedUrlProducer(Trays3Endpoint endpoint) {
        super(endpoint, Trays3Operation.getObjectSignedUrl);
    }

    @Override
    protected void execute(OperationInputs inputs) {
        String bucket = inputs.bucket();
        String key = inputs.key();
        String versionId = inputs.versionId();
        Integer expires = inputs.intWithin(Input.EXPIRES_SECONDS, 1, MAX_EXPIRES_SECONDS);
        Duration duration = Duration.ofSeconds(expires == null ? 3600 : expires);
        OperationInputs.Resolved<String> method = inputs.resolve(Input.HTTP_METHOD);
        String httpMethod = method.value() == null ? "GET" : method.value().trim().toUpperCase(Locale.ROOT);
        String contentType = inputs.contentType();
        if (!httpMethod.equals("GET") && !httpMethod.equals("PUT")) {
            throw inputs.invalid(method.source(), method.value(), "is not supported; allowed: GET, PUT");
        }

        // with region=auto, the presigner may first ask S3 where the bucket is: every input is checked by now
        S3Presigner presigner = getEndpoint().getClients().presigner(bucket);
        PresignedRequest presigned = httpMethod.equals("PUT")
                ? presigner.presignPutObject(p -> p.signatureDuration(duration)
                        .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType)))
                : presigner.presignGetObject(p -> p.signatureDuration(duration)
                        .getObjectRequest(r -> r.bucket(bucket).key(key).versionId(versionId)));
        reply(inputs, JsonShapes.object("file", JsonShapes.object(
                "name", MimeTypes.lastSegment(key),
                "url", presigned.url().toString(),
                "mime_type", MimeTypes.forName(key),
                // the URL's signing time is whole seconds, so it expires at a whole second
                "expires", JsonShapes.instant(presigned.expiration().truncatedTo(ChronoUnit.SECONDS)))));
    }
}
