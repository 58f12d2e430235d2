package io.trays3.health;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import io.trays3.Trays3Endpoint;
import io.trays3.client.Trays3Clients;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;

/**
 * One {@link ConnectionHealthCheck} per connection of a component's started endpoints, in Camel's producers health-check
 * repository (as Camel's own producer checks are; it answers when {@code camel.health.producers-enabled=true}). A check
 * is added with the first endpoint of its connection and removed with the last. Without camel-health on the classpath
 * there is no repository, and nothing is registered.
 */
public final class ConnectionChecks {

    /** Camel's producers health-check repository. */
    public static final String PRODUCERS_REPOSITORY = "producers";

    private final LongSupplier intervalMillis;
    private final Map<ConnectionKey, ConnectionHealthCheck> checks = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    /** @param intervalMillis how long an answer is kept */
    public ConnectionChecks(LongSupplier intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Adds a started endpoint to its connection's check, making the check when it is the first. */
    public synchronized void register(Trays3Endpoint endpoint, boolean enabled) {
        ConnectionKey key = ConnectionKey.of(endpoint.getConfiguration());
        ConnectionHealthCheck check = checks.get(key);
        if (check == null) {
            check = new ConnectionHealthCheck(newId(endpoint), intervalMillis);
            check.setEnabled(enabled);
            checks.put(key, check);
            WritableHealthCheckRepository repository = repository(endpoint);
            if (repository != null) {
                repository.addHealthCheck(check);
            }
        }
        check.add(endpoint);
    }

    /** Takes a stopping endpoint off its check, removing the check with its last endpoint. */
    public synchronized void unregister(Trays3Endpoint endpoint) {
        ConnectionKey key = ConnectionKey.of(endpoint.getConfiguration());
        ConnectionHealthCheck check = checks.get(key);
        if (check != null && check.remove(endpoint)) {
            checks.remove(key);
            ids.remove(check.getId());
            WritableHealthCheckRepository repository = repository(endpoint);
            if (repository != null) {
                repository.removeHealthCheck(check);
            }
        }
    }

    /** The checks, one per connection, in the order their connections were first used. */
    public synchronized List<ConnectionHealthCheck> checks() {
        return new ArrayList<>(checks.values());
    }

    private static WritableHealthCheckRepository repository(Trays3Endpoint endpoint) {
        return HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), PRODUCERS_REPOSITORY,
                                                          WritableHealthCheckRepository.class);
    }

    /** {@code trays3-HOST:PORT} for an S3-compatible server, {@code trays3-aws-REGION} for AWS; numbered when taken. */
    private String newId(Trays3Endpoint endpoint) {
        String url = Trays3Clients.serviceUrl(endpoint.getConfiguration());
        URI uri = URI.create(url);
        String name = endpoint.getConfiguration().hasEndpointOverride() && uri.getAuthority() != null
                ? uri.getAuthority() : "aws-" + Trays3Clients.regionName(endpoint.getConfiguration());
        String id = "trays3-" + name;
        for (int n = 2; ids.contains(id); n++) {
            id = "trays3-" + name + "-" + n;
        }
        ids.add(id);
        return id;
    }
}
