package io.trays3.metrics;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts the SDK's retries of the calls a thread makes, for the clients trays3 builds: registered once on the client,
 * where a {@link software.amazon.awssdk.metrics.MetricPublisher} per request copied every request and turned the SDK's
 * metric collection on for it (2-5% of a small put's client time). A synchronous client makes every attempt on the
 * caller's thread; a call the SDK makes again for a bucket's region (a redirect) is a new execution, not a retry.
 */
public final class AttemptCounter implements ExecutionInterceptor {

    /** The one interceptor every client trays3 builds carries. */
    public static final AttemptCounter INSTANCE = new AttemptCounter();

    private static final ThreadLocal<Count> CURRENT = new ThreadLocal<>();

    private AttemptCounter() {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Count count = CURRENT.get();
        if (count != null) {
            count.executions++;
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Count count = CURRENT.get();
        if (count != null) {
            count.attempts++;
        }
    }

    /** Starts counting the calls this thread makes until the count is closed (counts nest). */
    static Count start() {
        Count count = new Count(CURRENT.get());
        CURRENT.set(count);
        return count;
    }

    /** The executions and attempts counted on one thread since {@link #start()}. */
    static final class Count implements AutoCloseable {

        private final Count outer;
        private int executions;
        private int attempts;

        private Count(Count outer) {
            this.outer = outer;
        }

        /** Attempts beyond the first of each execution. */
        int retries() {
            return Math.max(0, attempts - executions);
        }

        @Override
        public void close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
