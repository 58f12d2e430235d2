package io.trays3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.trays3.client.Trays3Clients;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Amazon S3 and S3-compatible storage: the operations of a low-code S3 connector (put, get, list, delete, signed URLs,
 * ACLs), server-side copies and a consumer of new objects, with JSON-shaped results.
 *
 * <p>The first sentence is the catalog's description of the component (camel-component-maven-plugin reads it). A
 * producer endpoint runs one S3 operation per exchange; the newObjects endpoint is a scheduled poll consumer (or reads
 * S3 event notifications). Endpoints with the same connection options share one S3 client (closed when the last of them
 * stops), and an S3Client bean is never closed.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "trays3", title = "trays3 S3", syntax = "trays3:operation",
             category = {Category.CLOUD, Category.FILE}, headersClass = Trays3Constants.class)
public class Trays3Endpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    // the catalog lists the values from the enum: the description does not repeat them
    @UriPath(description = "The S3 operation to run; one of the values listed.")
    @Metadata(required = true)
    private Trays3Operation operation;
    @UriParam
    private Trays3Configuration configuration;

    private volatile Trays3Clients clients;
    private Set<String> uriOptions = Set.of();

    public Trays3Endpoint(String uri, Trays3Component component, Trays3Operation operation,
                          Trays3Configuration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return operation.createProducer(this);
    }

    /** The newObjects consumer, with the scheduler options (delay, initialDelay, backoff...) of the URI. */
    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = operation.createConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // shared with the component's other endpoints of the same connection options
        clients = getComponent().getSharedClients().acquire(configuration, getComponent().getBucketRegions(),
                                                             getComponent().getMetrics());
        getComponent().getConnectionChecks().register(this, getComponent().isHealthCheckProducerEnabled());
    }

    @Override
    protected void doStop() throws Exception {
        getComponent().getConnectionChecks().unregister(this);
        Trays3Clients current = clients;
        clients = null;
        if (current != null) {
            getComponent().getSharedClients().release(current);
        }
        super.doStop();
    }

    /** The clients, available while the endpoint runs. */
    public Trays3Clients getClients() {
        Trays3Clients current = clients;
        if (current == null) {
            throw new IllegalStateException("trays3 endpoint " + getEndpointBaseUri() + " is not started");
        }
        return current;
    }

    /**
     * Where the endpoint connects, for Camel's topology and tracing: the endpointOverride, else the S3 endpoint of the
     * region (of an S3Client bean: its own endpoint or region); with region=auto the us-east-1 endpoint, which redirects
     * each bucket to its own region.
     */
    @Override
    public String getServiceUrl() {
        return Trays3Clients.serviceUrl(configuration);
    }

    @Override
    public String getServiceProtocol() {
        return "s3";
    }

    /** The configured region ({@code auto} or a region id) and, when the endpoint names one, the bucket. */
    @Override
    public Map<String, String> getServiceMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("region", Trays3Clients.regionName(configuration));
        if (configuration.getBucket() != null && !configuration.getBucket().isBlank()) {
            metadata.put("bucket", configuration.getBucket().trim());
        }
        return metadata;
    }

    @Override
    public Trays3Component getComponent() {
        return (Trays3Component) super.getComponent();
    }

    public Trays3Operation getOperation() {
        return operation;
    }

    /** The operation to perform. */
    public void setOperation(Trays3Operation operation) {
        this.operation = operation;
    }

    /** The options written in this endpoint's URI (normalised), which rank above other components' headers. */
    public Set<String> getUriOptions() {
        return uriOptions;
    }

    void setUriOptions(Set<String> uriOptions) {
        this.uriOptions = Set.copyOf(uriOptions);
    }

    public Trays3Configuration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(Trays3Configuration configuration) {
        this.configuration = configuration;
    }
}
