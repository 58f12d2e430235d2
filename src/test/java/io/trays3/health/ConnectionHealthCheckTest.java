package io.trays3.health;

import java.util.Collection;
import java.util.UUID;

import io.trays3.Trays3Component;
import io.trays3.metrics.Trays3Metrics;
import io.trays3.support.S3TestSupport;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness check of the started endpoints' connection, through Camel's health-check registry, against S3Proxy. */
class ConnectionHealthCheckTest extends S3TestSupport {

    @BeforeEach
    void enableProducerChecks() {
        // Camel leaves producer checks off unless camel.health.producers-enabled=true
        HealthCheckHelper.getHealthCheckRepository(context, ConnectionChecks.PRODUCERS_REPOSITORY, HealthCheckRepository.class)
                .setEnabled(true);
    }

    @Test
    void isUpWhenTheBucketsTheEndpointsNameAreReachable() {
        context.getEndpoint("trays3:putObjectText?bucket=" + bucket + "&key=a.txt");
        context.getEndpoint("trays3:copyObject?bucket=" + bucket + "&key=a.txt&destinationKey=b.txt");
        context.getEndpoint("trays3:listBuckets");

        HealthCheck.Result result = trays3Check();

        assertThat(result.getState()).as(String.valueOf(result.getMessage())).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getCheck().isReadiness()).isTrue();
        assertThat(result.getCheck().isLiveness()).isFalse();
        assertThat(result.getDetails()).containsEntry(ConnectionHealthCheck.BUCKETS, bucket)
                .containsEntry(ConnectionHealthCheck.ENDPOINT, target.endpoint().toString())
                .containsKey(ConnectionHealthCheck.CREDENTIALS);
        assertThat(result.getDetails().get(ConnectionHealthCheck.CREDENTIALS).toString()).startsWith("static keys")
                .doesNotContain(target.secretKey()).doesNotContain(target.accessKey());
        assertThat(metrics().series().keySet()).as("the check's requests are counted as its own")
                .anyMatch(s -> s.operation().equals(Trays3Metrics.HEALTH_CHECK) && bucket.equals(s.bucket()));
    }

    @Test
    void isDownForAMissingBucketNamingItTheCredentialSourceAndWhatToDo() {
        String missing = "trays3-missing-" + UUID.randomUUID().toString().substring(0, 8);
        context.getEndpoint("trays3:putObjectText?bucket=" + bucket);
        context.getEndpoint("trays3:headObject?bucket=" + missing + "&key=k");

        HealthCheck.Result result = trays3Check();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .contains("bucket '" + missing + "'", "does not exist", "with static keys", "trays3:headObject?bucket="
                          + missing, "Create it, or correct the bucket name")
                .doesNotContain("'" + bucket + "'").doesNotContain(target.secretKey()));
    }

    @Test
    void isDownWhenTheCredentialsAreRefused() {
        context.getEndpoint("trays3:headObject?bucket=" + bucket + "&key=k&accessKey=" + target.accessKey()
                            + "&secretKey=RAW(not-the-secret)");

        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);

        assertThat(results).filteredOn(r -> r.getCheck().getId().startsWith("trays3-")).hasSize(1)
                .singleElement().satisfies(r -> {
                    assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
                    assertThat(r.getMessage()).hasValueSatisfying(m -> assertThat(m)
                            .contains("refused the credentials", "SignatureDoesNotMatch", "bucket '" + bucket + "'",
                                      "static keys", "Check the access key and secret key").doesNotContain("not-the-secret"));
                });
    }

    @Test
    void aStoppedEndpointTakesItsBucketOffAndTheLastOneTheCheck() throws Exception {
        var endpoint = context.getEndpoint("trays3:headObject?bucket=" + bucket + "&key=k");
        assertThat(component().getConnectionChecks().checks()).hasSize(1);

        endpoint.stop();

        assertThat(component().getConnectionChecks().checks()).isEmpty();
        assertThat(HealthCheckHelper.invokeReadiness(context)).noneMatch(r -> r.getCheck().getId().startsWith("trays3-"));
    }

    private HealthCheck.Result trays3Check() {
        return HealthCheckHelper.invokeReadiness(context).stream().filter(r -> r.getCheck().getId().startsWith("trays3-"))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one trays3 check: " + a.getCheck().getId() + ", "
                                             + b.getCheck().getId());
                }).orElseThrow(() -> new AssertionError("no trays3 check in " + HealthCheckHelper.invokeReadiness(context)));
    }

    private Trays3Component component() {
        return context.getComponent("trays3", Trays3Component.class);
    }

    private Trays3Metrics metrics() {
        return component().getMetrics();
    }
}
