package io.trays3.operation;

import java.util.concurrent.atomic.AtomicBoolean;

import io.trays3.Trays3Exception;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one object at a time to the newObjects route, the same way for a listing and for an event: claims it in the
 * repository (an object another consumer claimed or already delivered is skipped), starts its exchange, and when the
 * exchange is done settles the claim: after success the after-read action, then the claim is confirmed; after a failure
 * the claim is released, so the object is tried again.
 *
 * <p>With an in-progress repository, the claim is made there and {@code repository} records only what was done: a claim
 * is taken, then the done record is checked (and an object done meanwhile released again); a success is recorded as
 * done before its claim is removed. So of two consumers one always sees the other's claim or its done record, and an
 * orphan-lock aware in-progress repository can hand a dead instance's claims over without any done object coming back.
 */
final class ObjectHandover {

    /** What became of one object offered. */
    enum Outcome {
        /** Its exchange ran and succeeded. */
        DELIVERED,
        /** Claimed or delivered already (here or by another consumer sharing the repository): nothing was done. */
        SKIPPED,
        /** Its exchange ran and failed; the claim was released. */
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(ObjectHandover.class);

    private final NewObjectsConsumer consumer;
    private final IdempotentRepository repository;
    private final IdempotentRepository inProgress;
    private final AfterRead afterRead;

    /**
     * @param repository where claims are made and confirmed, or (with {@code inProgress}) where what was done is recorded
     * @param inProgress where claims are made, or null
     * @param afterRead  what to do with an object once its exchange succeeded, or null
     */
    ObjectHandover(NewObjectsConsumer consumer, IdempotentRepository repository, IdempotentRepository inProgress,
                   AfterRead afterRead) {
        this.consumer = consumer;
        this.repository = repository;
        this.inProgress = inProgress;
        this.afterRead = afterRead;
    }

    /** What to do with an object after its exchange succeeded: delete it, or move it. */
    interface AfterRead {
        /** Acts on the object; throws when it could not. */
        void apply(NewObject object) throws Exception;
    }

    /**
     * Claims the object and, if the claim is won, runs its exchange (in this thread, until it is done).
     *
     * @throws Trays3Exception when the repository fails (the object is left to the next poll)
     */
    Outcome offer(NewObject object) {
        String id = object.repositoryKey();
        if (!claim(object, id)) {
            LOG.trace("s3://{}/{} (ETag {}) claimed or delivered already: skipped", object.bucket(), object.key(),
                      object.eTag());
            return Outcome.SKIPPED;
        }
        Exchange exchange = consumer.createExchange(false);
        exchange.getMessage().setBody(object.body());
        object.setHeaders(exchange.getMessage());
        Settlement settlement = new Settlement(object, id);
        exchange.getExchangeExtension().addOnCompletion(settlement);
        try {
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean failed = exchange.isFailed();
        if (failed) {
            // the unit of work settles the claim; a processor that threw before it began never settled it
            settlement.settle(false);
        }
        consumer.releaseExchange(exchange, false);
        return failed ? Outcome.FAILED : Outcome.DELIVERED;
    }

    private boolean claim(NewObject object, String id) {
        if (inProgress == null) {
            return add(repository, object, id);
        }
        if (!add(inProgress, object, id)) {
            return false;
        }
        boolean done;
        try {
            done = repository.contains(id);
        } catch (RuntimeException e) {
            remove(inProgress, object, id);
            throw failure(object, "could not read the idempotent repository", e);
        }
        if (done) {
            remove(inProgress, object, id);
        }
        return !done;
    }

    /** Adds the claim; a repository that throws because another consumer added the same key meanwhile lost the race. */
    private boolean add(IdempotentRepository where, NewObject object, String id) {
        try {
            return where.add(id);
        } catch (RuntimeException e) {
            // a shared JDBC repository refuses the second insert of a key with a duplicate-key error
            boolean claimedElsewhere;
            try {
                claimedElsewhere = where.contains(id);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                claimedElsewhere = false;
            }
            if (claimedElsewhere) {
                LOG.debug("s3://{}/{} claimed by another consumer at the same moment: skipped", object.bucket(),
                          object.key());
                return false;
            }
            throw failure(object, "could not claim the object in the repository", e);
        }
    }

    private void remove(IdempotentRepository where, NewObject object, String id) {
        try {
            where.remove(id);
        } catch (RuntimeException e) {
            consumer.report(failure(object, "could not release the claim of the object in the repository, so it is not"
                                            + " tried again until the claim is removed", e));
        }
    }

    private Trays3Exception failure(NewObject object, String whatHappened, Throwable cause) {
        return consumer.failure(object, whatHappened + ": " + cause.getMessage(), cause);
    }

    /** Settles one claim, once: when the exchange completes or fails (or when its processor threw). */
    private final class Settlement extends SynchronizationAdapter {

        private final NewObject object;
        private final String id;
        private final AtomicBoolean settled = new AtomicBoolean();

        Settlement(NewObject object, String id) {
            this.object = object;
            this.id = id;
        }

        @Override
        public void onComplete(Exchange exchange) {
            settle(true);
        }

        @Override
        public void onFailure(Exchange exchange) {
            settle(false);
        }

        void settle(boolean succeeded) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (!succeeded) {
                LOG.debug("The exchange of s3://{}/{} failed: released, tried again at the next poll", object.bucket(),
                          object.key());
                remove(inProgress != null ? inProgress : repository, object, id);
                return;
            }
            if (afterRead != null) {
                try {
                    afterRead.apply(object);
                } catch (Exception e) {
                    // the route did its work: the object is not delivered again, it stays where it is
                    consumer.report(failure(object, "the exchange succeeded, but the object could not be deleted or moved"
                                                    + " after it (it stays, and is not delivered again)", e));
                }
            }
            done();
        }

        private void done() {
            try {
                if (inProgress == null) {
                    repository.confirm(id);
                } else {
                    repository.add(id);
                    repository.confirm(id);
                }
            } catch (RuntimeException e) {
                consumer.report(failure(object, "the exchange succeeded, but the repository could not record it, so the"
                                                + " object may be delivered again", e));
            }
            if (inProgress != null) {
                remove(inProgress, object, id);
            }
        }
    }
}
