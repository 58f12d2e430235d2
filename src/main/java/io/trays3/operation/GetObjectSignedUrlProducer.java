package io.trays3.operation;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import io.trays3.Trays3Constants;
import io.trays3.Trays3Endpoint;
import io.trays3.model.JsonShapes;
import io.trays3.model.MimeTypes;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.CredentialUtils;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
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
        Duration asked = Duration.ofSeconds(expires == null ? 3600 : expires);
        OperationInputs.Resolved<String> method = inputs.resolve(Input.HTTP_METHOD);
        String httpMethod = method.value() == null ? "GET" : method.value().trim().toUpperCase(Locale.ROOT);
        String contentType = inputs.contentType();
        if (!httpMethod.equals("GET") && !httpMethod.equals("PUT")) {
            throw inputs.invalid(method.source(), method.value(), "is not supported; allowed: GET, PUT");
        }

        // with region=auto, the presigner may first ask S3 where the bucket is: every input is checked by now
        S3Presigner presigner = getEndpoint().getClients().presigner(bucket);
        // signed with exactly the credentials whose expiry bounds the URL
        AwsCredentialsIdentity signer = getEndpoint().getClients().signingCredentials();
        Duration duration = cappedByCredentials(asked, signer, inputs);
        AwsCredentialsProvider signing = StaticCredentialsProvider.create(CredentialUtils.toCredentials(signer));
        PresignedRequest presigned = httpMethod.equals("PUT")
                ? presigner.presignPutObject(p -> p.signatureDuration(duration)
                        .putObjectRequest(r -> r.bucket(bucket).key(key).contentType(contentType)
                                .overrideConfiguration(o -> o.credentialsProvider(signing))))
                : presigner.presignGetObject(p -> p.signatureDuration(duration)
                        .getObjectRequest(r -> r.bucket(bucket).key(key).versionId(versionId)
                                .overrideConfiguration(o -> o.credentialsProvider(signing))));
        reply(inputs, JsonShapes.object("file", JsonShapes.object(
                "name", MimeTypes.lastSegment(key),
                "url", presigned.url().toString(),
                "mime_type", MimeTypes.forName(key),
                // the URL's signing time is whole seconds, so it expires at a whole second
                "expires", JsonShapes.instant(presigned.expiration().truncatedTo(ChronoUnit.SECONDS)))));
    }

    /**
     * The URL's validity: as asked, but no longer than the temporary credentials that sign it (S3 refuses a URL whose
     * credentials have expired), with the reason in a header; a session token of unknown expiry is named there too.
     */
    private static Duration cappedByCredentials(Duration asked, AwsCredentialsIdentity signer, OperationInputs inputs) {
        Instant now = Instant.now();
        Optional<Instant> credentialsExpire = signer.expirationTime();
        String reason = null;
        Duration duration = asked;
        if (credentialsExpire.isPresent() && credentialsExpire.get().isBefore(now.plus(asked))) {
            // whole seconds, one less: the signing time is this second or the next, never later than the credentials
            duration = Duration.ofSeconds(Math.max(1, Duration.between(now, credentialsExpire.get()).getSeconds() - 1));
            reason = "capped at the expiry of the temporary credentials that sign it ("
                     + credentialsExpire.get().truncatedTo(ChronoUnit.SECONDS) + "): " + asked.getSeconds()
                     + " s were asked, the URL is valid for " + duration.getSeconds() + " s";
        } else if (credentialsExpire.isEmpty() && signer instanceof AwsSessionCredentialsIdentity) {
            reason = "signed with a session token whose expiry trays3 cannot see: the URL stops working when the token"
                     + " expires, which may be before 'expires'";
        }
        if (reason == null) {
            inputs.exchange().getMessage().removeHeader(Trays3Constants.SIGNED_URL_EXPIRY_REASON);
        } else {
            inputs.exchange().getMessage().setHeader(Trays3Constants.SIGNED_URL_EXPIRY_REASON, reason);
        }
        return duration;
    }
}
