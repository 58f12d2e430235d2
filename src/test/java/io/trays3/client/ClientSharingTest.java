package io.trays3.client;

import io.trays3.Trays3Endpoint;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One client per connection configuration: endpoints that differ only in per-operation options share one S3 client and
 * pool, closed when the last of them stops; different connection options get their own; a bean is never closed. And the
 * timeout options take Camel durations.
 */
class ClientSharingTest extends S3TestSupport {

    private Trays3Endpoint endpoint(String uri) {
        return context.getEndpoint(uri, Trays3Endpoint.class);
    }

    private SharedClients shared() {
        return context.getComponent("trays3", io.trays3.Trays3Component.class).getSharedClients();
    }

    @Test
    void endpointsOfOneConnectionShareOneClientWhateverTheirBucketOrOperation() {
        call("trays3:putObjectText?bucket=" + bucket + "&key=a.txt", "a", java.util.Map.of());
        call("trays3:headObject?bucket=" + bucket + "&key=a.txt");
        call("trays3:listBucketObjects?bucket=" + bucket + "&prefix=a");

        Trays3Clients put = endpoint("trays3:putObjectText?bucket=" + bucket + "&key=a.txt").getClients();
        Trays3Clients head = endpoint("trays3:headObject?bucket=" + bucket + "&key=a.txt").getClients();
        Trays3Clients list = endpoint("trays3:listBucketObjects?bucket=" + bucket + "&prefix=a").getClients();

        assertThat(head).isSameAs(put).isSameAs(list);
        assertThat(shared().size()).as("client sets open").isEqualTo(1);
        assertThat(shared().references(put)).as("endpoints using it").isEqualTo(3);
    }

    @Test
    void anotherConnectionOptionGetsItsOwnClient() {
        call("trays3:listBuckets");
        call("trays3:listBuckets?socketTimeout=10s");

        assertThat(endpoint("trays3:listBuckets?socketTimeout=10s").getClients())
                .isNotSameAs(endpoint("trays3:listBuckets").getClients());
        assertThat(shared().size()).isEqualTo(2);
    }

    @Test
    void theSharedClientIsClosedWhenTheLastEndpointStopsNotBefore() throws Exception {
        Trays3Endpoint first = endpoint("trays3:listBuckets");
        Trays3Endpoint second = endpoint("trays3:listBucketObjects?bucket=" + bucket);
        first.start();
        second.start();
        S3Client client = first.getClients().s3();
        assertThat(second.getClients().s3()).isSameAs(client);

        first.stop();
        assertThat(client.listBuckets().buckets()).as("still open for the second endpoint").isNotEmpty();

        second.stop();
        assertThat(catchThrowable(client::listBuckets)).as("closed with the last endpoint").isNotNull();
        assertThat(shared().size()).isZero();
    }

    @Test
    void anS3ClientBeanIsSharedByNothingAndNeverClosed() throws Exception {
        S3Client bean = target.newClient();
        CamelContext other = new DefaultCamelContext();
        try {
            other.getRegistry().bind("myS3", bean);
            other.start();
            other.createProducerTemplate().requestBody("trays3:listBuckets", (Object) null);
            other.createProducerTemplate().requestBody("trays3:listBucketsDdl", (Object) null);
            Trays3Endpoint endpoint = other.getEndpoint("trays3:listBuckets", Trays3Endpoint.class);
            assertThat(endpoint.getClients().s3()).isSameAs(bean);
            assertThat(endpoint.getComponent().getSharedClients().size()).isZero();
        } finally {
            other.stop();
        }
        assertThat(bean.listBuckets().buckets()).as("the bean still works").isNotNull();
        bean.close();
    }

    @Test
    void timeoutsTakeCamelDurationsOrMilliseconds() {
        var config = endpoint("trays3:listBuckets?apiCallTimeout=1m30s&apiCallAttemptTimeout=2500&socketTimeout=45s"
                              + "&connectionTimeout=3s&connectionAcquisitionTimeout=500&maxConnections=7&retryMode=adaptive"
                              + "&maxAttempts=5").getConfiguration();

        assertThat(config.getApiCallTimeout()).isEqualTo(90_000);
        assertThat(config.getApiCallAttemptTimeout()).isEqualTo(2_500);
        assertThat(config.getSocketTimeout()).isEqualTo(45_000);
        assertThat(config.getConnectionTimeout()).isEqualTo(3_000);
        assertThat(config.getConnectionAcquisitionTimeout()).isEqualTo(500);
        assertThat(config.getMaxConnections()).isEqualTo(7);
        assertThat(config.getRetryMode()).isEqualTo("adaptive");
        assertThat(config.getMaxAttempts()).isEqualTo(5);
        assertThat(ClientTimeouts.of(config).retryMode()).isEqualTo(software.amazon.awssdk.core.retry.RetryMode.ADAPTIVE_V2);
    }

    @Test
    void theDefaultsNeverWaitForEver() {
        ClientTimeouts defaults = ClientTimeouts.of(endpoint("trays3:listBuckets").getConfiguration());

        assertThat(defaults).isEqualTo(new ClientTimeouts(0, 60_000, 5_000, 30_000, 10_000, 50,
                                                          software.amazon.awssdk.core.retry.RetryMode.STANDARD, 3, false));
    }

    @Test
    void anUnknownRetryModeStopsTheRouteFromStarting() throws Exception {
        CamelContext other = new DefaultCamelContext();
        other.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").to("trays3:listBuckets?retryMode=eager");
            }
        });
        try {
            assertThatThrownBy(other::start).isInstanceOf(FailedToStartRouteException.class)
                    .rootCause().hasMessage("trays3: option 'retryMode' value 'eager' is not a retry mode; allowed: standard,"
                                            + " adaptive, legacy");
        } finally {
            other.stop();
        }
    }
}
