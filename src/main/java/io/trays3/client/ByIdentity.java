package io.trays3.client;

/**
 * A bean in a key, compared by identity: the same bean is the same connection, two equal-looking beans are not (a
 * credentials provider or an S3 client a user registered).
 */
public record ByIdentity(Object bean) {

    /** The bean as a key part; null for none. */
    public static ByIdentity of(Object bean) {
        return bean == null ? null : new ByIdentity(bean);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByIdentity that && that.bean == bean;
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
