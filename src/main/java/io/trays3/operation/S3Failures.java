package io.trays3.operation;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.trays3.Trays3AccessDeniedException;
import io.trays3.Trays3ErrorMessage;
import io.trays3.Trays3Exception;
import io.trays3.Trays3ServiceException;
import io.trays3.client.S3ErrorCodes;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the SDK throws into the trays3 exception family, for the producers and the consumer alike: S3's answer
 * (code, status, request id) with what to do, the IAM actions an AccessDenied was missing, STS refusing the credentials,
 * S3 out of reach. Anything else is returned as it is.
 */
final class S3Failures {

    private S3Failures() {
    }

    /**
     * The trays3 exception for a failure of the call {@code inputs} describe.
     *
     * @param needed the grants the failed request needed, named by an AccessDenied error (asked only then)
     */
    static RuntimeException translate(OperationInputs inputs, RuntimeException e, Supplier<List<IamGrant>> needed) {
        if (e instanceof S3Exception s3) {
            return s3(inputs, s3, needed);
        }
        if (e instanceof AwsServiceException other) {
            // another AWS service on the way to S3: STS, when the credentials assume roleArn
            return otherService(inputs, other);
        }
        if (e instanceof SdkException || e instanceof UncheckedIOException) {
            // S3 unreachable, or the body to upload could not be read: e says only what happened, the message where
            return message(inputs).exception(e.getMessage(), null, e);
        }
        return e;
    }

    private static Trays3ServiceException s3(OperationInputs inputs, S3Exception e, Supplier<List<IamGrant>> needed) {
        String operation = inputs.operation().name();
        String bucket = inputs.resolvedBucket();
        String key = inputs.resolvedKey();
        String code = S3ErrorCodes.of(e);
        String s3Message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String requestId = e.requestId();
        if ("AccessDenied".equals(code)) {
            List<IamGrant> grants = needed.get();
            List<String> actions = grants.stream().flatMap(g -> g.actions().stream()).distinct().toList();
            String resource = String.join(", ", grants.stream().map(IamGrant::resource).distinct().toList());
            return new Trays3AccessDeniedException(operation, bucket, key, e.statusCode(), requestId, actions, resource,
                    message(inputs).compose("access denied", "The credentials need " + enumeration(actions) + " on "
                                            + resource + " (S3 said: " + s3Message + "; request id " + requestId + ")"), e);
        }
        String hint = regionHint(e) != null ? regionHint(e) : integrityHint(inputs, code);
        if (hint == null) {
            hint = checksumHint(inputs, code, s3Message);
        }
        if (hint == null && "NoSuchBucket".equals(code)) {
            hint = "Check the bucket name, and that the bucket exists where trays3 connects (endpointOverride, region)";
        }
        return new Trays3ServiceException(operation, bucket, key, code, e.statusCode(), requestId,
                message(inputs).compose("S3 answered " + answer(code, s3Message, e.statusCode(), requestId), hint), e);
    }

    private static Trays3ServiceException otherService(OperationInputs inputs, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String service = details == null || details.serviceName() == null ? "AWS" : details.serviceName();
        String code = details == null ? null : details.errorCode();
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        String hint = "Sts".equalsIgnoreCase(service) ? "Check roleArn and externalId, and that the base credentials may"
                                                       + " call sts:AssumeRole on the role" : null;
        return new Trays3ServiceException(inputs.operation().name(), inputs.resolvedBucket(), inputs.resolvedKey(), code,
                e.statusCode(), e.requestId(), message(inputs).compose(service + " refused the credentials: "
                + answer(code, message, e.statusCode(), e.requestId()), hint), e);
    }

    /** {@code Code: message (HTTP status, request id id)}, without the parts the answer did not carry. */
    private static String answer(String code, String message, int status, String requestId) {
        String text = code == null ? message : message == null ? code : code + ": " + message;
        return (text == null ? "an error" : text) + " (HTTP " + status
               + (requestId == null ? "" : ", request id " + requestId) + ")";
    }

    /** When S3 says the bucket lives elsewhere, say which region to configure; else null. */
    private static String regionHint(S3Exception e) {
        String region = S3ErrorCodes.bucketRegion(e);
        return region == null ? null : "The bucket is in region " + region + ": set region=" + region + " or region=auto";
    }

    /**
     * When the body the server got is not the one that was sent (its checksum or its signed SHA-256 differs, with neither
     * aws-chunked nor flexible checksums in play, so no server quirk explains it), say so; else null.
     */
    private static String integrityHint(OperationInputs inputs, String code) {
        boolean plainSignedBody = !inputs.configuration().isChunkedEncodingEnabled()
                && inputs.configuration().getRequestChecksumCalculation() == RequestChecksumCalculation.WHEN_REQUIRED;
        if ("BadDigest".equals(code) || "XAmzContentSHA256Mismatch".equals(code) && plainSignedBody) {
            return "The body the server received is not the one sent (it changed on the way: a proxy, the network, the"
                   + " disk it was read from); nothing was stored. Send it again";
        }
        return null;
    }

    /**
     * When a server refuses the SDK's flexible checksums or aws-chunked uploads (Ceph RGW, older MinIO, Garage and
     * others since SDK 2.30), say which options make it work; else null.
     */
    private static String checksumHint(OperationInputs inputs, String code, String s3Message) {
        String text = (s3Message == null ? "" : s3Message).toLowerCase(Locale.ROOT);
        boolean refusesChecksums = "XAmzContentSHA256Mismatch".equals(code)
                || "InvalidArgument".equals(code) && (text.contains("x-amz-checksum") || text.contains("x-amz-content-sha256")
                                                      || text.contains("x-amz-trailer"))
                || "NotImplemented".equals(code) && (text.contains("aws-chunked") || text.contains("transfer-encoding")
                                                     || text.isEmpty())
                || "InvalidRequest".equals(code) && text.contains("aws-chunked");
        if (!refusesChecksums) {
            return null;
        }
        boolean flexible = inputs.configuration().getRequestChecksumCalculation() == RequestChecksumCalculation.WHEN_SUPPORTED;
        if (flexible) {
            return "The server refuses the SDK's default aws-chunked CRC32 checksums (Ceph RGW, older MinIO, Garage and"
                   + " others do): set requestChecksumCalculation=WHEN_REQUIRED and responseChecksumValidation=WHEN_REQUIRED"
                   + " (in the application: TRAYS3_CHECKSUMS=WHEN_REQUIRED)";
        }
        // without the flexible checksums the body's SHA-256 is signed: Ceph RGW answers this code when bytes changed
        return "XAmzContentSHA256Mismatch".equals(code)
                ? "The body the server received is not the one trays3 signed: it changed on the way (a proxy or device"
                  + " that alters bodies), or the server does not read aws-chunked uploads (then also set"
                  + " chunkedEncodingEnabled=false)"
                : "The server refuses aws-chunked uploads: also set chunkedEncodingEnabled=false";
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String enumeration(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The message of this call's errors: the operation, where the call went and how far it got. */
    static Trays3ErrorMessage message(OperationInputs inputs) {
        return Trays3ErrorMessage.of(inputs.operation().name()).on(inputs.resolvedBucket(), inputs.resolvedKey())
                .progress(inputs.progress());
    }

    /** A failure of the call that is no SDK failure (a repository, a route), in the family, with the call's place. */
    static Trays3Exception other(OperationInputs inputs, String whatHappened, String whatToDo, Throwable cause) {
        return message(inputs).exception(whatHappened, whatToDo, cause);
    }
}
