package io.trays3.tools;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is known at one point of a route about the headers trays3 reads, and about the bucket a listBucketObjects result
 * in the body names (deleteMultipleObjects takes its bucket from there). Immutable; headers not mentioned are not set.
 */
final class FlowState {

    /** Nothing set: a route fed by a timer, or by a caller that is assumed to set no trays3 header. */
    static final FlowState EMPTY = new FlowState(new TreeMap<>(), Possible.ABSENT);
    /** How reasons name the body, when a listing in it names the bucket. */
    static final String BODY = "the body (a listing that names the bucket)";

    private final Map<String, Possible> headers;
    private final Possible listedBucket;

    private FlowState(Map<String, Possible> headers, Possible listedBucket) {
        this.headers = headers;
        this.listedBucket = listedBucket;
    }

    /** What the header may be (names are case-insensitive, as Camel's headers are). */
    Possible header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), Possible.ABSENT);
    }

    /** The bucket the body names when it is a listBucketObjects result; absent when the body is not one. */
    Possible listedBucket() {
        return listedBucket;
    }

    FlowState withHeader(String name, Possible value) {
        Map<String, Possible> copy = new TreeMap<>(headers);
        if (value.equals(Possible.ABSENT)) {
            copy.remove(name.toLowerCase(Locale.ROOT));
        } else {
            copy.put(name.toLowerCase(Locale.ROOT), value);
        }
        return new FlowState(copy, listedBucket);
    }

    FlowState withListedBucket(Possible bucket) {
        return new FlowState(headers, bucket);
    }

    /** The body may now be anything. */
    FlowState withUnknownBody(String reason) {
        return withListedBucket(Possible.ABSENT.join(Possible.unknown(reason)));
    }

    /**
     * Any tracked header and the body may have been changed by something the analysis cannot see into.
     *
     * @param reason why, the same for every header
     */
    FlowState widen(String reason) {
        FlowState state = withListedBucket(listedBucket.widen(reason));
        for (String name : RouteFlow.TRACKED_HEADERS) {
            state = state.withHeader(name, state.header(name).widen(reason));
        }
        return state;
    }

    /**
     * Any tracked header and the body may have been changed by a step the analysis cannot see into; each header's
     * reason names it and the step ({@link #setBy}).
     *
     * @param step the step, as a warning names it: {@code the 'process' step (ref=enrich)}
     */
    FlowState changedBy(String step) {
        FlowState state = withListedBucket(listedBucket.widen(setBy(BODY, step)));
        for (String name : RouteFlow.TRACKED_HEADERS) {
            state = state.withHeader(name, state.header(name).widen(setBy("header " + name, step)));
        }
        return state;
    }

    /** What {@link #changedBy} says of one header (or the body) the step may set. */
    static String setBy(String what, String step) {
        return what + " may be set by " + step + " before it";
    }

    /**
     * The same as if no step the analysis cannot see into had set these headers (or, with {@code listedBucket}, the
     * body): what the route itself gives them.
     */
    FlowState withoutOpaque(Collection<String> names, boolean listedBucket) {
        FlowState state = listedBucket ? withListedBucket(this.listedBucket.withoutOpaque()) : this;
        for (String name : names) {
            state = state.withHeader(name, state.header(name).withoutOpaque());
        }
        return state;
    }

    /** Either this or that. */
    FlowState join(FlowState other) {
        if (other == null || other == this) {
            return this;
        }
        Map<String, Possible> joined = new TreeMap<>();
        for (String name : headers.keySet()) {
            joined.put(name, header(name).join(other.header(name)));
        }
        for (String name : other.headers.keySet()) {
            joined.putIfAbsent(name, header(name).join(other.header(name)));
        }
        joined.values().removeIf(Possible.ABSENT::equals);
        return new FlowState(joined, listedBucket.join(other.listedBucket));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowState s && headers.equals(s.headers) && listedBucket.equals(s.listedBucket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, listedBucket);
    }

    @Override
    public String toString() {
        return "headers " + headers + ", listed bucket " + listedBucket;
    }
}
