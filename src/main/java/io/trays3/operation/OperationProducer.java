package io.trays3.operation;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import io.trays3.Trays3AccessDeniedException;
import io.trays3.Trays3Endpoint;
import io.trays3.Trays3ErrorMessage;
import io.trays3.Trays3ServiceException;
import io.trays3.client.S3ErrorCodes;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Shared base of the operation producers: resolves inputs, runs the operation and turns SDK failures into the trays3
 * exception family. Subclasses resolve and check all their inputs before their first request.
 */
public abstract class OperationProducer extends DefaultProducer {

    private final Trays3Operation operation;

    protected OperationProducer(Trays3Endpoint endpoint, Trays3Operation operation) {
        super(endpoint);
        this.operation = operation;
    }

    @Override
    public Trays3Endpoint getEndpoint() {
        return (Trays3Endpoint) super.getEndpoint();
    }

    @Override
    public final void process(Exchange exchange) {
        OperationInputs inputs = new OperationInputs(operation, exchange, getEndpoint().getConfiguration(),
                                                     getEndpoint().getUriOptions());
        try {
            execute(inputs);
        } catch (S3Exception e) {
            throw translate(inputs, e);
        } catch (AwsServiceException e) {
            // another AWS service on the way to S3: STS, when the credentials assume roleArn
            throw otherService(inputs, e);
        } catch (SdkException | UncheckedIOException e) {
            // S3 unreachable, or the body to upload could not be read: e says only what happened, the message where
            throw message(inputs).exception(e.getMessage(), null, e);
        }
    }

    /** Runs the operation: resolve and check inputs, make the call(s), set the body and headers. */
    protected abstract void execute(OperationInputs inputs);

    /** Sets the operation's result as the message body. */
    protected static void reply(OperationInputs inputs, Object body) {
        inputs.exchange().getMessage().setBody(body);
    }

    /**
     * The S3 client of this endpoint for calls that move no object data (bounded by apiCallAttemptTimeout), counting this
     * operation's requests in the component's metrics.
     */
    protected S3Client s3() {
        return getEndpoint().getClients().s3(operation.name());
    }

    /**
     * The S3 client of this endpoint for transfers: get, put, parts, complete, copy (bounded by progress), counted like
     * {@link #s3()}.
     */
    protected S3Client transfers() {
        return getEndpoint().getClients().transfers(operation.name());
    }

    /** The operation this producer runs. */
    protected Trays3Operation operation() {
        return operation;
    }

    private Trays3ServiceException translate(OperationInputs inputs, S3Exception e) {
        String bucket = inputs.resolvedBucket();
        String key = inputs.resolvedKey();
        String code = S3ErrorCodes.of(e);
        String s3Message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String requestId = e.requestId();
        if ("AccessDenied".equals(code)) {
            List<IamGrant> grants = operation.grants(inputs);
            List<String> actions = grants.stream().flatMap(g -> g.actions().stream()).distinct().toList();
            String resource = String.join(", ", grants.stream().map(IamGrant::resource).distinct().toList());
            return new Trays3AccessDeniedException(operation.name(), bucket, key, e.statusCode(), requestId, actions, resource,
                    message(inputs).compose("access denied", "The credentials need " + enumeration(actions) + " on "
                                            + resource + " (S3 said: " + s3Message + "; request id " + requestId + ")"), e);
        }
        return new Trays3ServiceException(operation.name(), bucket, key, code, e.statusCode(), requestId,
                message(inputs).compose("S3 answered " + answer(code, s3Message, e.statusCode(), requestId),
                                        regionHint(e) != null ? regionHint(e) : checksumHint(code, s3Message)),
                e);
    }

    private Trays3ServiceException otherService(OperationInputs inputs, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String service = details == null || details.serviceName() == null ? "AWS" : details.serviceName();
        String code = details == null ? null : details.errorCode();
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        String hint = "Sts".equalsIgnoreCase(service) ? "Check roleArn and externalId, and that the base credentials may"
                                                       + " call sts:AssumeRole on the role" : null;
        return new Trays3ServiceException(operation.name(), inputs.resolvedBucket(), inputs.resolvedKey(), code,
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
     * When a server refuses the SDK's flexible checksums or aws-chunked uploads (Ceph RGW, older MinIO, Garage and
     * others since SDK 2.30), say which options make it work; else null.
     */
    private String checksumHint(String code, String s3Message) {
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
        boolean flexible = getEndpoint().getConfiguration().getRequestChecksumCalculation()
                           == RequestChecksumCalculation.WHEN_SUPPORTED;
        return flexible
                ? "The server refuses the SDK's default aws-chunked CRC32 checksums (Ceph RGW, older MinIO, Garage and"
                  + " others do): set requestChecksumCalculation=WHEN_REQUIRED and responseChecksumValidation=WHEN_REQUIRED"
                  + " (in the application: TRAYS3_CHECKSUMS=WHEN_REQUIRED)"
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
    private Trays3ErrorMessage message(OperationInputs inputs) {
        return Trays3ErrorMessage.of(operation.name()).on(inputs.resolvedBucket(), inputs.resolvedKey())
                .progress(inputs.progress());
    }
}
