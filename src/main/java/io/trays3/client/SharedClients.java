package io.trays3.client;

import java.util.HashMap;
import java.util.Map;

import io.trays3.Trays3Configuration;
import io.trays3.metrics.Trays3Metrics;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

/**
 * The clients of one component, one per connection configuration: endpoints whose connection options are the same
 * share one S3 client and its connection pool (a {@code toD} with the bucket in the URI makes one endpoint per bucket,
 * not one pool per bucket). Reference-counted: the clients are closed when the last endpoint that uses them stops. An
 * endpoint with an S3Client bean gets clients of its own around the bean, which is never closed.
 */
public final class SharedClients {

    private final Map<ConnectionKey, Shared> byKey = new HashMap<>();
    private final Map<Trays3Clients, Shared> byClients = new HashMap<>();

    private static final class Shared {
        private final ConnectionKey key;
        private final Trays3Clients clients;
        private int references;

        Shared(ConnectionKey key, Trays3Clients clients) {
            this.key = key;
            this.clients = clients;
        }
    }

    /** The clients for a configuration: the ones already open for the same connection options, or new ones. */
    public Trays3Clients acquire(Trays3Configuration config, BucketRegions bucketRegions, Trays3Metrics metrics) {
        if (config.getS3Client() != null) {
            return Trays3Clients.open(config, bucketRegions, metrics);
        }
        ConnectionKey key = ConnectionKey.of(config);
        synchronized (this) {
            Shared shared = byKey.get(key);
            if (shared == null) {
                shared = new Shared(key, Trays3Clients.open(config, bucketRegions, metrics));
                byKey.put(key, shared);
                byClients.put(shared.clients, shared);
            }
            shared.references++;
            return shared.clients;
        }
    }

    /** Gives clients back; the last user closes them. Clients around an S3Client bean are closed (the bean is not). */
    public void release(Trays3Clients clients) {
        boolean close;
        synchronized (this) {
            Shared shared = byClients.get(clients);
            if (shared == null) {
                close = true;
            } else {
                shared.references--;
                close = shared.references == 0;
                if (close) {
                    byKey.remove(shared.key);
                    byClients.remove(clients);
                }
            }
        }
        if (close) {
            clients.close();
        }
    }

    /** How many endpoints use these clients (0 for clients not shared here), for tests and diagnostics. */
    public synchronized int references(Trays3Clients clients) {
        Shared shared = byClients.get(clients);
        return shared == null ? 0 : shared.references;
    }

    /** How many distinct client sets are open. */
    public synchronized int size() {
        return byKey.size();
    }

    /** The options that make a connection: two configurations with equal keys can share one client. */
    record ConnectionKey(String region, String endpointOverride, boolean forcePathStyle, String accessKey, String secretKey,
                         String sessionToken, ByIdentity credentialsProvider, String profileName, String roleArn,
                         String roleSessionName, String externalId, int durationSeconds,
                         RequestChecksumCalculation requestChecksums, ResponseChecksumValidation responseChecksums,
                         boolean chunkedEncoding, ClientTimeouts timeouts) {

        static ConnectionKey of(Trays3Configuration c) {
            return new ConnectionKey(c.isRegionAuto() ? Trays3Configuration.REGION_AUTO : c.getRegion().trim(),
                    c.hasEndpointOverride() ? c.getEndpointOverride().trim() : null, c.isForcePathStyle(),
                    c.getAccessKey(), c.getSecretKey(), c.getSessionToken(),
                    ByIdentity.of(c.getCredentialsProvider()),
                    c.getProfileName(), c.getRoleArn(), c.getRoleSessionName(), c.getExternalId(), c.getDurationSeconds(),
                    c.getRequestChecksumCalculation(), c.getResponseChecksumValidation(), c.isChunkedEncodingEnabled(),
                    ClientTimeouts.of(c));
        }

        @Override
        public String toString() {
            // secrets are never printed
            return "ConnectionKey[region=" + region + ", endpointOverride=" + endpointOverride + ", roleArn=" + roleArn
                   + ", timeouts=" + timeouts + "]";
        }
    }
}
