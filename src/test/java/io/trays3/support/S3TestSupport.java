package io.trays3.support;

import java.util.Map;

import io.trays3.Trays3Component;
import io.trays3.Trays3Exception;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Base of the tests that run against a real S3 protocol server over HTTP: a Camel context with the trays3 component
 * pointed at the server, a fresh bucket per test (emptied and deleted after it), and a plain SDK client to check state.
 */
@Tag("contract")
@ExtendWith(S3TargetExtension.class)
public abstract class S3TestSupport {

    protected S3Target target;
    protected CamelContext context;
    protected ProducerTemplate template;
    protected S3Client s3;
    protected String bucket;

    @BeforeEach
    void startCamel(S3Target s3Target) throws Exception {
        target = s3Target;
        s3 = target.newClient();
        bucket = S3Target.createBucket(s3, versionedBucket() && target.supportsVersioning());
        context = new DefaultCamelContext();
        Trays3Component component = new Trays3Component();
        target.configure(component.getConfiguration());
        context.addComponent("trays3", component);
        RouteBuilder routes = routes();
        if (routes != null) {
            context.addRoutes(routes);
        }
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stopCamel() {
        try {
            if (context != null) {
                context.stop();
            }
            S3Target.deleteBucket(s3, bucket);
        } finally {
            s3.close();
        }
    }

    /** Routes the test class needs, or null. */
    protected RouteBuilder routes() {
        return null;
    }

    /** Whether the test bucket keeps versions. */
    protected boolean versionedBucket() {
        return false;
    }

    /** Sends a body and headers to a trays3 URI and returns the result body. */
    protected Object call(String uri, Object body, Map<String, Object> headers) {
        return template.requestBodyAndHeaders(uri, body, headers);
    }

    /** Sends to a trays3 URI with no body and no headers. */
    protected Object call(String uri) {
        return call(uri, null, Map.of());
    }

    /** The trays3 exception a call fails with (fails the test when it does not fail that way). */
    protected <T extends Trays3Exception> T failure(Class<T> type, String uri, Object body, Map<String, Object> headers) {
        Throwable thrown = catchThrowable(() -> call(uri, body, headers));
        assertThat(thrown).as("calling %s", uri).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).as("cause of the failure of %s", uri).isInstanceOf(type);
        return type.cast(thrown.getCause());
    }

    /** A JSON-shaped object result, typed for assertions. */
    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object result) {
        assertThat(result).as("result body").isInstanceOf(Map.class);
        return (Map<String, Object>) result;
    }

    /** A JSON-shaped list, typed for assertions. */
    @SuppressWarnings("unchecked")
    protected static java.util.List<Map<String, Object>> list(Object value) {
        assertThat(value).as("list").isInstanceOf(java.util.List.class);
        return (java.util.List<Map<String, Object>>) value;
    }

    /** Puts an object with the plain SDK client. */
    protected void putObject(String key, String content) {
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    /** Reads an object with the plain SDK client. */
    protected String readObject(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
    }
}
