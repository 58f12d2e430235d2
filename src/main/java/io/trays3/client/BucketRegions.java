package io.trays3.client;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.regions.Region;

/**
 * The bucket regions a component has learnt (region=auto), bounded: bucket names may come from messages, so the least
 * recently used bucket is forgotten once {@link #MAX_BUCKETS} are known (it is asked again if it comes back).
 */
public final class BucketRegions {

    /** How many buckets' regions a component keeps. */
    public static final int MAX_BUCKETS = 1_000;

    private final int maximum;
    private final Map<String, Region> regions;

    /** A cache of {@link #MAX_BUCKETS} buckets. */
    public BucketRegions() {
        this(MAX_BUCKETS);
    }

    BucketRegions(int maximum) {
        this.maximum = maximum;
        // access order: a get makes a bucket the most recently used; guarded by this
        this.regions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Region> eldest) {
                return size() > BucketRegions.this.maximum;
            }
        };
    }

    /** The region learnt for the key, or null. */
    public synchronized Region get(String key) {
        return regions.get(key);
    }

    /** Remembers a region unless one is known for the key already. */
    public synchronized void putIfAbsent(String key, Region region) {
        regions.putIfAbsent(key, region);
    }

    /** How many buckets are known. */
    public synchronized int size() {
        return regions.size();
    }

    /** The most buckets kept. */
    public int maximum() {
        return maximum;
    }

    /** A copy of what is known, least recently used first. */
    public synchronized Map<String, Region> snapshot() {
        return new LinkedHashMap<>(regions);
    }
}
