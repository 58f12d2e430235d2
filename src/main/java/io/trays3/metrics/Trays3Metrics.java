package io.trays3.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one trays3 component's endpoints did, counted in plain Java (no metrics library needed): S3 requests by operation
 * and bucket, errors by S3 error code, retries, bytes up and down, the transfers in flight, and the estimated cost by
 * bucket and price class from a {@link PriceTable}. {@link Trays3MetricsListener}s hear each event as it happens, which
 * is how the application publishes them to Micrometer; the dev console reads the totals.
 */
public final class Trays3Metrics {

    /** The operation tag of the requests the health check makes. */
    public static final String HEALTH_CHECK = "healthCheck";
    /** The operation tag of the HeadBucket that learns a bucket's region for signed URLs. */
    public static final String REGION_LOOKUP = "regionLookup";

    private static final Logger LOG = LoggerFactory.getLogger(Trays3Metrics.class);

    private final Map<Series, Totals> series = new ConcurrentHashMap<>();
    private final Map<CostSeries, DoubleAdder> costs = new ConcurrentHashMap<>();
    private final Map<Long, Transfer> transfers = new ConcurrentHashMap<>();
    private final AtomicLong transferIds = new AtomicLong();
    private final List<Trays3MetricsListener> listeners = new CopyOnWriteArrayList<>();
    private volatile PriceTable prices = PriceTable.listPrices();

    /** An operation on a bucket (null: none). */
    public record Series(String operation, String bucket) {
    }

    /** A bucket (null: none) in a region, and a price class: a request class tag or {@link PriceTable#TRANSFER_OUT}. */
    public record CostSeries(String bucket, String region, String priceClass) {
    }

    /** The prices the cost estimate uses from now on. */
    public void setPrices(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public PriceTable getPrices() {
        return prices;
    }

    /** Starts telling the listener about every event. */
    public void addListener(Trays3MetricsListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops telling the listener. */
    public void removeListener(Trays3MetricsListener listener) {
        listeners.remove(listener);
    }

    /**
     * Counts one S3 request and its cost.
     *
     * @param region the region its price is taken from
     * @param code   the S3 error code (or client-side failure) when it failed, else null
     */
    public void recordRequest(String operation, String bucket, String region, String request, String code, long nanos) {
        RequestClass requestClass = RequestClass.of(request);
        Totals totals = totals(operation, bucket);
        totals.requests.increment();
        totals.nanos.add(nanos);
        totals.byRequest.computeIfAbsent(request, r -> new LongAdder()).increment();
        if (code != null) {
            totals.errorsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
        double usd = prices.request(region, requestClass);
        Trays3MetricsListener.RequestRecord record = new Trays3MetricsListener.RequestRecord(operation, bucket, request,
                requestClass, code, nanos);
        tell(l -> l.request(record));
        addCost(totals, bucket, region, requestClass.tag(), usd);
    }

    /** Counts the retries of one request. */
    public void recordRetries(String operation, String bucket, String request, int retries) {
        if (retries > 0) {
            totals(operation, bucket).retries.add(retries);
            tell(l -> l.retries(operation, bucket, request, retries));
        }
    }

    /** Counts bytes moved; bytes down also cost data transfer out. */
    public void recordBytes(String operation, String bucket, String region, Direction direction, long bytes) {
        if (bytes <= 0) {
            return;
        }
        Totals totals = totals(operation, bucket);
        (direction == Direction.UP ? totals.bytesUp : totals.bytesDown).add(bytes);
        tell(l -> l.bytes(operation, bucket, direction, bytes));
        if (direction == Direction.DOWN) {
            addCost(totals, bucket, region, PriceTable.TRANSFER_OUT, prices.transferOut(region, bytes));
        }
    }

    /** A transfer in flight until it is ended; {@code total} is -1 when the size is not known. */
    public Transfer startTransfer(String operation, String bucket, String key, Direction direction, long total) {
        Transfer transfer = new Transfer(transferIds.incrementAndGet(), operation, bucket, key, direction, total,
                                         ended -> transfers.remove(ended.id()));
        transfers.put(transfer.id(), transfer);
        tell(l -> l.transferStarted(transfer));
        return transfer;
    }

    /** The transfers in flight, oldest first. */
    public List<Transfer> transfers() {
        List<Transfer> all = new ArrayList<>(transfers.values());
        all.sort(Comparator.comparingLong(Transfer::id));
        return all;
    }

    /** How many transfers of the operation on the bucket, in that direction, are in flight. */
    public long transfersInFlight(String operation, String bucket, Direction direction) {
        return transfers.values().stream().filter(t -> t.direction() == direction && t.operation().equals(operation)
                                                       && Objects.equals(t.bucket(), bucket)).count();
    }

    /** The totals of every operation on every bucket so far. */
    public Map<Series, Snapshot> series() {
        Map<Series, Snapshot> all = new TreeMap<>(Comparator.comparing(Series::operation)
                .thenComparing(Series::bucket, Comparator.nullsFirst(Comparator.naturalOrder())));
        series.forEach((key, totals) -> all.put(key, totals.snapshot()));
        return all;
    }

    /** The totals of each operation over all buckets, by operation name. */
    public Map<String, Snapshot> byOperation() {
        Map<String, Snapshot> all = new TreeMap<>();
        series().forEach((key, snapshot) -> all.merge(key.operation(), snapshot, Snapshot::plus));
        return all;
    }

    /** The estimated cost so far, in USD, by bucket, region and price class. */
    public Map<CostSeries, Double> costs() {
        Map<CostSeries, Double> all = new TreeMap<>(Comparator.comparing((CostSeries c) -> String.valueOf(c.bucket()))
                .thenComparing(CostSeries::region).thenComparing(CostSeries::priceClass));
        costs.forEach((key, usd) -> all.put(key, usd.sum()));
        return all;
    }

    /** The estimated cost of the bucket so far, in USD, in one price class (0 when nothing was counted). */
    public double cost(String bucket, String region, String priceClass) {
        DoubleAdder usd = costs.get(new CostSeries(bucket, region, priceClass));
        return usd == null ? 0 : usd.sum();
    }

    private void addCost(Totals totals, String bucket, String region, String priceClass, double usd) {
        // a series at zero too: a free DELETE still shows that it was priced
        costs.computeIfAbsent(new CostSeries(bucket, region, priceClass), c -> new DoubleAdder()).add(usd);
        totals.cost.add(usd);
        tell(l -> l.cost(bucket, region, priceClass, usd));
    }

    private Totals totals(String operation, String bucket) {
        return series.computeIfAbsent(new Series(operation, bucket), s -> new Totals());
    }

    private void tell(Consumer<Trays3MetricsListener> event) {
        for (Trays3MetricsListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.debug("trays3 metrics listener {} failed: {}", listener, e.getMessage(), e);
            }
        }
    }

    /**
     * Totals at one moment.
     *
     * @param requests     S3 requests made
     * @param errors       of them, failed ones by error code
     * @param byRequest    requests by S3 request name
     * @param retries      retries the SDK made
     * @param bytesUp      bytes of request bodies S3 accepted
     * @param bytesDown    bytes of object content read
     * @param seconds      time spent in requests until their responses
     * @param costUsd      estimated cost
     */
    public record Snapshot(long requests, Map<String, Long> errors, Map<String, Long> byRequest, long retries, long bytesUp,
                           long bytesDown, double seconds, double costUsd) {

        /** The maps are copied. */
        public Snapshot {
            errors = Collections.unmodifiableMap(new TreeMap<>(errors));
            byRequest = Collections.unmodifiableMap(new TreeMap<>(byRequest));
        }

        /** How many requests failed. */
        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Both added up. */
        public Snapshot plus(Snapshot other) {
            Map<String, Long> allErrors = new TreeMap<>(errors);
            other.errors.forEach((code, n) -> allErrors.merge(code, n, Long::sum));
            Map<String, Long> allRequests = new TreeMap<>(byRequest);
            other.byRequest.forEach((name, n) -> allRequests.merge(name, n, Long::sum));
            return new Snapshot(requests + other.requests, allErrors, allRequests, retries + other.retries,
                                bytesUp + other.bytesUp, bytesDown + other.bytesDown, seconds + other.seconds,
                                costUsd + other.costUsd);
        }
    }

    /** The running totals of one series. */
    private static final class Totals {
        private final LongAdder requests = new LongAdder();
        private final LongAdder retries = new LongAdder();
        private final LongAdder bytesUp = new LongAdder();
        private final LongAdder bytesDown = new LongAdder();
        private final LongAdder nanos = new LongAdder();
        private final DoubleAdder cost = new DoubleAdder();
        private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byRequest = new ConcurrentHashMap<>();

        Snapshot snapshot() {
            Map<String, Long> errors = new TreeMap<>();
            errorsByCode.forEach((code, n) -> errors.put(code, n.sum()));
            Map<String, Long> requestsByName = new TreeMap<>();
            byRequest.forEach((name, n) -> requestsByName.put(name, n.sum()));
            return new Snapshot(requests.sum(), errors, requestsByName, retries.sum(), bytesUp.sum(), bytesDown.sum(),
                                nanos.sum() / 1e9, cost.sum());
        }
    }
}
