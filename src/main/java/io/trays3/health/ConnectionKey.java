package io.trays3.health;

import java.util.Arrays;

import io.trays3.Trays3Configuration;
import io.trays3.client.ByIdentity;

/**
 * What makes two endpoints connect the same way: the server, region and addressing, and the credentials (the beans by
 * identity). Endpoints with equal keys share one health check. Never printed: it holds secrets.
 */
final class ConnectionKey {

    private final Object[] parts;

    private ConnectionKey(Object... parts) {
        this.parts = parts;
    }

    static ConnectionKey of(Trays3Configuration c) {
        return new ConnectionKey(c.hasEndpointOverride() ? c.getEndpointOverride().trim() : null,
                                 c.isRegionAuto() ? Trays3Configuration.REGION_AUTO : c.getRegion().trim(),
                                 c.isForcePathStyle(), c.getAccessKey(), c.getSecretKey(), c.getSessionToken(),
                                 c.getProfileName(), c.getRoleArn(), c.getRoleSessionName(), c.getExternalId(),
                                 c.getDurationSeconds(), ByIdentity.of(c.getCredentialsProvider()),
                                 ByIdentity.of(c.getS3Client()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionKey key && Arrays.equals(parts, key.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return "ConnectionKey[secrets withheld]";
    }
}
