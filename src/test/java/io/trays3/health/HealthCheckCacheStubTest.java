package io.trays3.health;

import io.trays3.Trays3Component;
import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer is kept for healthCheckInterval: scrapes in between cost no request (the stub counts them). */
class HealthCheckCacheStubTest extends StubContextSupport {

    @Test
    void scrapesWithinTheIntervalReuseTheAnswer() throws Exception {
        stub = StubS3Server.answering(200, "", "x-amz-bucket-region", "us-east-1");
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
        context.getEndpoint("trays3:headObject?bucket=cached-bucket&key=k");
        HealthCheck check = check();

        for (int i = 0; i < 5; i++) {
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
        }

        assertThat(stub.requests()).as("one HeadBucket for five scrapes within the default 60 s")
                .containsExactly("HEAD /cached-bucket");
    }

    @Test
    void anIntervalOfZeroAsksEveryTime() throws Exception {
        stub = StubS3Server.answering(404, "");
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
        component().setHealthCheckInterval(0);
        context.getEndpoint("trays3:headObject?bucket=gone-bucket&key=k");
        HealthCheck check = check();

        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(check.call().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("'gone-bucket'",
                "on " + stub.endpoint().getAuthority() + " with", "does not exist",
                "with static keys (options accessKey and secretKey)"));
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void healthCheckProducerEnabledFalseAnswersUnknownWithoutAsking() throws Exception {
        stub = StubS3Server.answering(200, "");
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret"));
        component().setHealthCheckProducerEnabled(false);
        context.getEndpoint("trays3:headObject?bucket=quiet-bucket&key=k");

        HealthCheck.Result result = check().call();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UNKNOWN);
        assertThat(result.getMessage()).contains("Disabled");
        assertThat(stub.requests()).isEmpty();
    }

    private Trays3Component component() {
        return context.getComponent("trays3", Trays3Component.class);
    }

    private HealthCheck check() {
        assertThat(component().getConnectionChecks().checks()).hasSize(1);
        HealthCheck check = component().getConnectionChecks().checks().get(0);
        assertThat(check.getId()).isEqualTo("trays3-" + stub.endpoint().getAuthority());
        return check;
    }
}
