package io.trays3.support;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;

/** Tests against a stub S3 server with a Camel context pointed at it: both are stopped after each test, if started. */
public abstract class StubContextSupport {

    protected StubS3Server stub;
    protected CamelContext context;

    @AfterEach
    void stopContextAndStub() {
        if (context != null) {
            context.stop();
        }
        if (stub != null) {
            stub.close();
        }
    }
}
