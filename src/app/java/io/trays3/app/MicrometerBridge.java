package io.trays3.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.trays3.metrics.Direction;
import io.trays3.metrics.Transfer;
import io.trays3.metrics.Trays3Metrics;
import io.trays3.metrics.Trays3MetricsListener;

/**
 * Publishes what a trays3 component counts ({@link Trays3Metrics}) to a Micrometer registry, with Micrometer's naming:
 * {@code trays3.requests} (a timer: count, time and a latency histogram), {@code trays3.retries}, {@code trays3.bytes},
 * {@code trays3.transfers.active} and {@code trays3.cost.estimate} (USD). The component itself needs no Micrometer: this
 * bridge is the application's (about forty lines to copy into another runtime that has a MeterRegistry).
 */
public final class MicrometerBridge implements Trays3MetricsListener {

    /** The tag value of requests that name no bucket (ListBuckets). */
    public static final String NO_BUCKET = "none";
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Trays3Metrics metrics;
    /** The gauges registered so far: Micrometer warns when one is registered twice. */
    private final Set<List<String>> gauges = ConcurrentHashMap.newKeySet();

    private MicrometerBridge(MeterRegistry registry, Trays3Metrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Starts publishing the component's metrics to the registry. */
    public static MicrometerBridge bind(MeterRegistry registry, Trays3Metrics metrics) {
        MicrometerBridge bridge = new MicrometerBridge(registry, metrics);
        metrics.addListener(bridge);
        return bridge;
    }

    @Override
    public void request(RequestRecord request) {
        Timer.builder("trays3.requests")
                .description("S3 requests trays3 made, by operation, bucket, S3 request, price class, outcome and error code")
                .tags(Tags.of("operation", request.operation(), "bucket", bucket(request.bucket()), "request",
                              request.request(), "class", request.requestClass().tag(), "outcome", request.outcome(),
                              "code", request.code() == null ? "none" : request.code()))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(request.nanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void retries(String operation, String bucket, String request, int retries) {
        Counter.builder("trays3.retries").description("Retries the AWS SDK made of trays3's S3 requests")
                .tags("operation", operation, "bucket", bucket(bucket), "request", request)
                .register(registry).increment(retries);
    }

    @Override
    public void bytes(String operation, String bucket, Direction direction, long bytes) {
        Counter.builder("trays3.bytes").baseUnit("bytes")
                .description("Bytes trays3 sent to S3 (up) and read from it (down)")
                .tags("operation", operation, "bucket", bucket(bucket), "direction", direction.tag())
                .register(registry).increment(bytes);
    }

    @Override
    public void cost(String bucket, String region, String priceClass, double usd) {
        Counter.builder("trays3.cost.estimate").baseUnit("usd")
                .description("Estimated S3 cost of trays3's requests and downloads, from the price table (USD)")
                .tags("bucket", bucket(bucket), "region", region, "class", priceClass)
                .register(registry).increment(usd);
    }

    @Override
    public void transferStarted(Transfer transfer) {
        String operation = transfer.operation();
        String bucket = transfer.bucket();
        Direction direction = transfer.direction();
        if (!gauges.add(List.of(operation, bucket(bucket), direction.tag()))) {
            return;
        }
        Gauge.builder("trays3.transfers.active", metrics, m -> m.transfersInFlight(operation, bucket, direction))
                .description("Uploads and downloads in flight")
                .tags("operation", operation, "bucket", bucket(bucket), "direction", direction.tag())
                .register(registry);
    }

    private static String bucket(String bucket) {
        return bucket == null ? NO_BUCKET : bucket;
    }
}
