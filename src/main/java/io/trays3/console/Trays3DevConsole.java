package io.trays3.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.trays3.Trays3Component;
import io.trays3.Trays3Endpoint;
import io.trays3.client.Trays3Clients;
import io.trays3.health.ConnectionHealthCheck;
import io.trays3.metrics.Trays3Metrics;
import io.trays3.metrics.Transfer;
import org.apache.camel.Component;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import software.amazon.awssdk.regions.Region;

/**
 * The trays3 developer console: per trays3 component, the connections its started endpoints use (where to, region,
 * credential source, never a secret; the last health answer), the bucket regions learnt, the requests of each
 * operation, the estimated cost per bucket, and the transfers in flight with their progress.
 */
@DevConsole(name = "trays3", displayName = "trays3", description = "trays3 S3 connections, requests, cost and transfers")
public class Trays3DevConsole extends AbstractDevConsole {

    public Trays3DevConsole() {
        super("camel", "trays3", "trays3", "trays3 S3 connections, requests, cost and transfers");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        components().forEach((name, component) -> text(text, name, component));
        return text.isEmpty() ? "No trays3 component in use\n" : text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Map<String, Object>> all = new ArrayList<>();
        components().forEach((name, component) -> all.add(json(name, component)));
        root.put("components", all);
        return root;
    }

    private Map<String, Trays3Component> components() {
        Map<String, Trays3Component> found = new TreeMap<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component component = getCamelContext().hasComponent(name);
            if (component instanceof Trays3Component trays3) {
                found.put(name, trays3);
            }
        }
        return found;
    }

    private static void text(StringBuilder text, String name, Trays3Component component) {
        List<ConnectionHealthCheck> checks = component.getConnectionChecks().checks();
        text.append("Component ").append(name).append(": ").append(checks.size()).append(" connection(s)\n");
        for (ConnectionHealthCheck check : checks) {
            Connection c = Connection.of(check);
            text.append(String.format("    %s  %s  region %s%s  %s%n", check.getId(), c.url(), c.region(),
                                      c.pathStyle() ? "  path-style" : "", c.credentials()));
            text.append(String.format("        client %s, %d endpoint(s), buckets named: %s%n",
                                      c.ownsClient() ? "built by trays3" : "an S3Client bean (not closed by trays3)",
                                      c.endpoints(), c.buckets().isEmpty() ? "none" : String.join(", ", c.buckets())));
            text.append("        health ").append(c.health()).append('\n');
        }
        Map<String, Region> regions = new TreeMap<>(component.getBucketRegions().snapshot());
        text.append("Bucket regions learnt: ").append(regions.isEmpty() ? "none" : "").append('\n');
        regions.forEach((bucket, region) -> text.append("    ").append(bucket).append(" -> ").append(region.id())
                .append('\n'));

        Trays3Metrics metrics = component.getMetrics();
        Map<String, Trays3Metrics.Snapshot> byOperation = metrics.byOperation();
        text.append("Requests by operation:").append(byOperation.isEmpty() ? " none" : "").append('\n');
        if (!byOperation.isEmpty()) {
            text.append(String.format("    %-22s %8s %7s %7s %12s %12s %12s  %s%n", "operation", "requests", "errors",
                                      "retries", "bytes up", "bytes down", "est. USD", "S3 requests, errors"));
        }
        byOperation.forEach((operation, s) -> text.append(String.format(Locale.ROOT,
                "    %-22s %8d %7d %7d %12d %12d %12.8f  %s%s%n", operation, s.requests(), s.errorCount(), s.retries(),
                s.bytesUp(), s.bytesDown(), s.costUsd(), s.byRequest(), s.errors().isEmpty() ? "" : " " + s.errors())));

        Map<Trays3Metrics.CostSeries, Double> costs = metrics.costs();
        text.append("Estimated cost by bucket (").append(metrics.getPrices()).append("):")
                .append(costs.isEmpty() ? " none" : "").append('\n');
        costs.forEach((series, usd) -> text.append(String.format(Locale.ROOT, "    %-32s %-12s %-20s USD %.8f%n",
                series.bucket() == null ? "(no bucket)" : series.bucket(), series.region(), series.priceClass(), usd)));

        List<Transfer> transfers = metrics.transfers();
        text.append("Transfers in flight:").append(transfers.isEmpty() ? " none" : "").append('\n');
        transfers.forEach(t -> text.append(String.format("    %s s3://%s/%s %s %s for %s%n", t.operation(), t.bucket(),
                t.key(), t.direction().tag(), progress(t), Duration.between(t.started(), Instant.now()).toMillis() + " ms")));
    }

    private static Map<String, Object> json(String name, Trays3Component component) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("component", name);
        List<Map<String, Object>> connections = new ArrayList<>();
        for (ConnectionHealthCheck check : component.getConnectionChecks().checks()) {
            Connection c = Connection.of(check);
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("id", check.getId());
            jo.put("serviceUrl", c.url());
            jo.put("region", c.region());
            jo.put("forcePathStyle", c.pathStyle());
            jo.put("credentials", c.credentials());
            jo.put("clientBuiltByTrays3", c.ownsClient());
            jo.put("endpoints", c.endpoints());
            jo.put("buckets", c.buckets());
            jo.put("health", c.health());
            connections.add(jo);
        }
        root.put("connections", connections);
        Map<String, Object> regions = new TreeMap<>();
        component.getBucketRegions().snapshot().forEach((bucket, region) -> regions.put(bucket, region.id()));
        root.put("bucketRegions", regions);

        Trays3Metrics metrics = component.getMetrics();
        Map<String, Object> operations = new LinkedHashMap<>();
        metrics.byOperation().forEach((operation, s) -> {
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("requests", s.requests());
            jo.put("errors", s.errors());
            jo.put("retries", s.retries());
            jo.put("bytesUp", s.bytesUp());
            jo.put("bytesDown", s.bytesDown());
            jo.put("seconds", s.seconds());
            jo.put("costUsd", s.costUsd());
            jo.put("s3Requests", s.byRequest());
            operations.put(operation, jo);
        });
        root.put("operations", operations);
        List<Map<String, Object>> costs = new ArrayList<>();
        metrics.costs().forEach((series, usd) -> {
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("bucket", series.bucket());
            jo.put("region", series.region());
            jo.put("class", series.priceClass());
            jo.put("usd", usd);
            costs.add(jo);
        });
        root.put("costs", costs);
        List<Map<String, Object>> transfers = new ArrayList<>();
        for (Transfer t : metrics.transfers()) {
            Map<String, Object> jo = new LinkedHashMap<>();
            jo.put("operation", t.operation());
            jo.put("bucket", t.bucket());
            jo.put("key", t.key());
            jo.put("direction", t.direction().tag());
            jo.put("bytes", t.done());
            jo.put("total", t.total());
            jo.put("started", t.started().toString());
            transfers.add(jo);
        }
        root.put("transfers", transfers);
        return root;
    }

    private static String progress(Transfer t) {
        return t.total() < 0 ? t.done() + " bytes" : t.done() + "/" + t.total() + " bytes ("
                + (t.total() == 0 ? 100 : t.done() * 100 / t.total()) + "%)";
    }

    /** What the console shows of one connection. */
    private record Connection(String url, String region, boolean pathStyle, String credentials, boolean ownsClient,
                              int endpoints, List<String> buckets, String health) {

        static Connection of(ConnectionHealthCheck check) {
            List<Trays3Endpoint> endpoints = check.endpoints();
            Trays3Endpoint first = endpoints.isEmpty() ? null : endpoints.get(0);
            if (first == null) {
                return new Connection("-", "-", false, "-", false, 0, List.of(), "-");
            }
            String credentials;
            boolean owns;
            try {
                Trays3Clients clients = first.getClients();
                credentials = clients.credentialSource();
                owns = clients.ownsS3Client();
            } catch (IllegalStateException e) {
                credentials = "(endpoint stopping)";
                owns = false;
            }
            TreeSet<String> buckets = new TreeSet<>();
            endpoints.forEach(e -> {
                if (e.getConfiguration().getBucket() != null && !e.getConfiguration().getBucket().isBlank()) {
                    buckets.add(e.getConfiguration().getBucket().trim());
                }
            });
            HealthCheck.Result last = check.lastResult();
            String health = last == null ? "not asked yet" : last.getState() + last.getMessage().map(m -> ": " + m).orElse("")
                    + " (checked " + last.getDetails().getOrDefault(ConnectionHealthCheck.CHECKED_AT, "?") + ")";
            return new Connection(Trays3Clients.serviceUrl(first.getConfiguration()),
                                  Trays3Clients.regionName(first.getConfiguration()),
                                  first.getConfiguration().isForcePathStyle(), credentials, owns, endpoints.size(),
                                  List.copyOf(buckets), health);
        }
    }
}
