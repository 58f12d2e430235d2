package io.trays3.consumer;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.trays3.Trays3Constants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** What a newObjects route received: one entry per exchange, in order, safe to read while the consumer runs. */
final class Deliveries implements Processor {

    /** One exchange as the route saw it. */
    record Delivery(String bucket, String key, String eTag, Long contentLength, String lastModified, Map<String, Object> body,
                    String context) {
    }

    private final Queue<Delivery> seen = new ConcurrentLinkedQueue<>();
    private final String context;
    private volatile Predicate<String> failing = key -> false;

    Deliveries() {
        this("");
    }

    /** Records which context (instance) received each exchange. */
    Deliveries(String context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        Delivery delivery = new Delivery(message.getHeader(Trays3Constants.BUCKET, String.class),
                message.getHeader(Trays3Constants.KEY, String.class), message.getHeader(Trays3Constants.E_TAG, String.class),
                message.getHeader(Trays3Constants.CONTENT_LENGTH, Long.class),
                message.getHeader(Trays3Constants.LAST_MODIFIED, String.class), (Map<String, Object>) message.getBody(Map.class),
                context);
        seen.add(delivery);
        if (failing.test(delivery.key())) {
            throw new IllegalStateException("the route fails on " + delivery.key() + " (as the test asked)");
        }
    }

    /** Makes the exchanges of the matching keys fail (after they are recorded). */
    void failOn(Predicate<String> keys) {
        failing = keys;
    }

    List<Delivery> all() {
        return List.copyOf(seen);
    }

    List<String> keys() {
        return seen.stream().map(Delivery::key).toList();
    }

    int size() {
        return seen.size();
    }

    long count(String key) {
        return seen.stream().filter(d -> d.key().equals(key)).count();
    }
}
