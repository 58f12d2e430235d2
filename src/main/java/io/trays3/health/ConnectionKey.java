package io.trays3.health;

import java.util.Arrays;

import io.trays3.Trays3Configuration;

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
                                 c.getDurationSeconds(), identity(c.getCredentialsProvider()), identity(c.getS3Client()));
    }

    private static Object identity(Object bean) {
        return bean == null ? null : new Identity(bean);
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

    /** A bean compared by identity. */
    private record Identity(Object bean) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.bean == bean;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(bean);
        }

        @Override
        public String toString() {
            return bean.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(bean));
        }
    }
}
