package io.trays3.operation;

import java.io.UncheckedIOException;
import java.util.List;

import io.trays3.Trays3AccessDeniedException;
import io.trays3.Trays3Endpoint;
import io.trays3.Trays3Exception;
import io.trays3.Trays3ServiceException;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
            // S3 unreachable, or the body to upload could not be read
            throw new Trays3Exception(operation.name(), inputs.resolvedBucket(), inputs.resolvedKey(),
                    "trays3 " + operation + " failed" + where(inputs) + ": " + e.getMessage(), e);
        }
    }

    /** Runs the operation: resolve and check inputs, make the call(s), set the body and headers. */
    protected abstract void execute(OperationInputs inputs);

    /** Sets the operation's result as the message body. */
    protected static void reply(OperationInputs inputs, Object body) {
        inputs.exchange().getMessage().setBody(body);
    }

    /** The S3 client of this endpoint. */
    protected S3Client s3() {
        return getEndpoint().getClients().s3();
    }

    /** The operation this producer runs. */
    protected Trays3Operation operation() {
        return operation;
    }

    private Trays3ServiceException translate(OperationInputs inputs, S3Exception e) {
        String bucket = inputs.resolvedBucket();
        String key = inputs.resolvedKey();
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? codeForStatus(e.statusCode()) : e.awsErrorDetails().errorCode();
        String s3Message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String requestId = e.requestId();
        if ("AccessDenied".equals(code)) {
            List<IamGrant> grants = operation.grants(inputs);
            List<String> actions = grants.stream().flatMap(g -> g.actions().stream()).distinct().toList();
            String resource = String.join(", ", grants.stream().map(IamGrant::resource).distinct().toList());
            return new Trays3AccessDeniedException(operation.name(), bucket, key, e.statusCode(), requestId, actions, resource,
                    "trays3 " + operation + where(inputs) + ": access denied. The credentials need " + enumeration(actions)
                    + " on " + resource + " (S3 said: " + s3Message + "; request id " + requestId + ")", e);
        }
        return new Trays3ServiceException(operation.name(), bucket, key, code, e.statusCode(), requestId,
                "trays3 " + operation + " failed" + where(inputs) + ": " + (code == null ? "" : code + ": ") + s3Message
                + " (HTTP " + e.statusCode() + ", request id " + requestId + ")" + regionHint(e), e);
    }

    private Trays3ServiceException otherService(OperationInputs inputs, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String service = details == null || details.serviceName() == null ? "AWS" : details.serviceName();
        String code = details == null ? null : details.errorCode();
        String message = details == null || details.errorMessage() == null ? e.getMessage() : details.errorMessage();
        String hint = "Sts".equalsIgnoreCase(service) ? ". Check roleArn and externalId, and that the base credentials may"
                                                       + " call sts:AssumeRole on the role" : "";
        return new Trays3ServiceException(operation.name(), inputs.resolvedBucket(), inputs.resolvedKey(), code,
                e.statusCode(), e.requestId(), "trays3 " + operation + " failed" + where(inputs) + ": " + service + " refused"
                + " the credentials: " + (code == null ? "" : code + ": ") + message + " (HTTP " + e.statusCode()
                + ", request id " + e.requestId() + ")" + hint, e);
    }

    /** When S3 says the bucket lives elsewhere, say which region to configure. */
    private static String regionHint(S3Exception e) {
        String region = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
        return region == null ? "" : ". The bucket is in region " + region + ": set region=" + region
                                     + " or region=auto";
    }

    /** HEAD answers carry no error body: name the usual code for the status. */
    private static String codeForStatus(int status) {
        return switch (status) {
            case 301 -> "PermanentRedirect";
            case 403 -> "AccessDenied";
            case 404 -> "NotFound";
            default -> null;
        };
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String enumeration(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Where the call went, and how far it got when it had already done part of its work. */
    private static String where(OperationInputs inputs) {
        String bucket = inputs.resolvedBucket();
        String key = inputs.resolvedKey();
        String progress = inputs.progress() == null ? "" : " (" + inputs.progress() + ")";
        if (bucket == null) {
            return progress;
        }
        return (key == null ? " on bucket '" + bucket + "'" : " on '" + bucket + "/" + key + "'") + progress;
    }
}
