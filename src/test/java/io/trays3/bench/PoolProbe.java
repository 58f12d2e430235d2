package io.trays3.bench;

import java.lang.reflect.Field;

import io.trays3.client.Trays3Clients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.pool.PoolStats;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.internal.impl.ConnectionManagerAwareHttpClient;

/**
 * The connection pool of trays3's clients, as the Apache pool itself counts it (leased, idle, waiting, max). trays3 does
 * not expose its HTTP client, so the benchmark reaches it by reflection: through the wrappers trays3 puts around the
 * SDK's Apache client (each holds the next as a {@link SdkHttpClient} field) down to its connection manager.
 */
final class PoolProbe {

    private final PoolingHttpClientConnectionManager pool;

    private PoolProbe(PoolingHttpClientConnectionManager pool) {
        this.pool = pool;
    }

    static PoolProbe of(Trays3Clients clients) throws ReflectiveOperationException {
        Object http = field(clients, SdkHttpClient.class);
        while (!(http instanceof ApacheHttpClient)) {
            http = field(http, SdkHttpClient.class);
        }
        ConnectionManagerAwareHttpClient apache = (ConnectionManagerAwareHttpClient) field(http,
                ConnectionManagerAwareHttpClient.class);
        return new PoolProbe((PoolingHttpClientConnectionManager) apache.getHttpClientConnectionManager());
    }

    /** Leased, available (idle), pending (threads waiting for a connection) and max, at this moment. */
    PoolStats stats() {
        return pool.getTotalStats();
    }

    private static Object field(Object holder, Class<?> type) throws ReflectiveOperationException {
        for (Field field : holder.getClass().getDeclaredFields()) {
            if (type.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                return field.get(holder);
            }
        }
        throw new NoSuchFieldException("no " + type.getSimpleName() + " field in " + holder.getClass().getName());
    }
}
