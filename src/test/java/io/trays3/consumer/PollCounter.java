package io.trays3.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.trays3.support.Eventually;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

/**
 * A poll strategy that counts the polls a consumer finished and keeps the errors polls failed with, so tests wait for
 * "two more polls" rather than for some time.
 */
final class PollCounter implements PollingConsumerPollStrategy {

    private final AtomicInteger polls = new AtomicInteger();
    private final Queue<Exception> errors = new ConcurrentLinkedQueue<>();

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        polls.incrementAndGet();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        errors.add(cause);
        polls.incrementAndGet();
        return false;
    }

    int polls() {
        return polls.get();
    }

    List<Exception> errors() {
        return List.copyOf(errors);
    }

    /** Waits until {@code more} further polls have finished (successfully or not). */
    void awaitMore(int more) {
        int target = polls.get() + more;
        Eventually.until(Duration.ofSeconds(30), more + " more polls", () -> polls.get() >= target);
    }
}
