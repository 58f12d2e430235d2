package io.trays3;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

import io.trays3.client.BucketRegions;
import io.trays3.client.SharedClients;
import io.trays3.health.ConnectionChecks;
import io.trays3.metrics.PriceTable;
import io.trays3.metrics.Trays3Metrics;
import io.trays3.operation.OperationInputs;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The trays3 component: Amazon S3 and S3-compatible storage in Camel routes, one endpoint per operation (for example
 * trays3:putObjectText); the component's options are the defaults of every endpoint.
 */
@Component("trays3")
public class Trays3Component extends HealthCheckComponent {

    static {
        SecretMasking.register();
    }

    /** The endpoint options' types, as the generated configurer knows them. */
    private static final Trays3EndpointConfigurer OPTION_TYPES = new Trays3EndpointConfigurer();

    @Metadata(description = "Defaults for every trays3 endpoint; URI options override them.")
    private Trays3Configuration configuration = new Trays3Configuration();
    /** Bucket regions learnt for signed URLs, shared by all endpoints so each bucket is asked once (bounded). */
    private final BucketRegions bucketRegions = new BucketRegions();
    /** The S3 clients of this component's endpoints, one per connection configuration. */
    private final SharedClients sharedClients = new SharedClients();
    /** Sends the parts of multipart uploads for all endpoints; its threads are made on demand and end when idle. */
    private volatile ExecutorService partUploads;
    /** What the endpoints did: requests, errors, bytes, transfers in flight, the estimated cost. */
    private final Trays3Metrics metrics = new Trays3Metrics();

    // like Trays3Configuration's, these descriptions go through the generator's javadoc cleaning: no + * ? < >
    @Metadata(label = "advanced",
              description = "Prices for the cost estimate instead of the us-east-1 list prices: comma-separated"
                            + " REGION.KEY=USD entries, where REGION is a region id, or an asterisk for every region"
                            + " without its own entry, and KEY is put-copy-post-list or get-head (USD per 1,000 requests),"
                            + " delete-cancel, or transfer-out (USD per GB read). For example eu-west-1.get-head=0.00042.")
    private String costPrices;
    @Metadata(label = "health", defaultValue = "60000", javaType = "java.time.Duration",
              description = "How long the health check keeps its answer before it asks S3 again (a HeadBucket per bucket"
                            + " the started endpoints name), so frequent readiness probes cost no more requests.")
    private long healthCheckInterval = 60000;
    /** The health checks of the started endpoints' connections. */
    private final ConnectionChecks connectionChecks = new ConnectionChecks(this::getHealthCheckInterval);

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Trays3Operation operation = Trays3Operation.fromUri(remaining);
        Trays3Endpoint endpoint = new Trays3Endpoint(uri, this, operation, configuration.copy());
        endpoint.setUriOptions(parameters.keySet().stream().map(OperationInputs::normalise).collect(Collectors.toSet()));
        readNumbersStrictly(operation, parameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * Converts the whole-number options the URI writes as text ({@code int}, {@code Integer} and {@code Long} ones; the
     * {@code long} ones are durations such as {@code 30s}) strictly, before Camel does: Camel would wrap a number beyond
     * an int option's range round, so {@code deleteConcurrency=4294967297} would run with 1.
     */
    private static void readNumbersStrictly(Trays3Operation operation, Map<String, Object> parameters) {
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            Class<?> type = OPTION_TYPES.getOptionType(OperationInputs.normalise(parameter.getKey()), true);
            if (parameter.getValue() instanceof String text && !text.isBlank()
                && (type == int.class || type == Integer.class || type == Long.class)) {
                // as text again (" 25 " is 25): Camel converts a number that fits exactly
                parameter.setValue(String.valueOf(OperationInputs.uriNumber(operation, parameter.getKey(), text,
                                                                            type == Long.class ? Long.class : Integer.class)));
            }
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        metrics.setPrices(PriceTable.parse(costPrices));
        partUploads = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "trays3-upload");
    }

    @Override
    protected void doStop() throws Exception {
        ExecutorService current = partUploads;
        partUploads = null;
        if (current != null) {
            getCamelContext().getExecutorServiceManager().shutdown(current);
        }
        super.doStop();
    }

    /** The threads that send multipart upload parts, available while the component runs. */
    public ExecutorService getPartUploads() {
        ExecutorService current = partUploads;
        if (current == null) {
            throw new IllegalStateException("the trays3 component is not started");
        }
        return current;
    }

    /** The S3 clients shared by this component's endpoints (one per connection configuration, reference-counted). */
    public SharedClients getSharedClients() {
        return sharedClients;
    }

    /** The bucket regions learnt so far (region=auto), shared by this component's endpoints. */
    public BucketRegions getBucketRegions() {
        return bucketRegions;
    }

    /** What this component's endpoints did so far, and the listeners that publish it. */
    public Trays3Metrics getMetrics() {
        return metrics;
    }

    /** The readiness checks, one per connection of the started endpoints. */
    public ConnectionChecks getConnectionChecks() {
        return connectionChecks;
    }

    public long getHealthCheckInterval() {
        return healthCheckInterval;
    }

    /** How long, in milliseconds, the health check keeps its answer. */
    public void setHealthCheckInterval(long healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    public String getCostPrices() {
        return costPrices;
    }

    /** Prices for the cost estimate, per region, instead of the us-east-1 list prices. */
    public void setCostPrices(String costPrices) {
        this.costPrices = costPrices;
    }

    public Trays3Configuration getConfiguration() {
        return configuration;
    }

    /** The defaults every endpoint starts from. */
    public void setConfiguration(Trays3Configuration configuration) {
        this.configuration = configuration;
    }
}
