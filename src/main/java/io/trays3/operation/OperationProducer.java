package io.trays3.operation;

import java.io.UncheckedIOException;

import io.trays3.Trays3Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

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
        } catch (SdkException | UncheckedIOException e) {
            throw S3Failures.translate(inputs, e, () -> operation.grants(inputs));
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
}
