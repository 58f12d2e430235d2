package io.trays3.operation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import io.trays3.Trays3ErrorMessage;
import io.trays3.Trays3InvalidInputException;
import io.trays3.model.JsonShapes;
import io.trays3.model.ProgressMeter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * One deleteMultipleObjects call's requests: batches of at most 1000 keys, up to {@code concurrency} of them on the wire
 * at once (on the component's pool; the caller's thread reads the keys meanwhile), each in quiet mode, so S3 answers
 * only the errors and {@code Deleted} is what was sent minus {@code Errors}, in the order sent. When a batch fails, no
 * further batch is sent, the ones on the wire are waited for, and the failure says what the others did.
 */
final class BulkDelete {

    private final S3Client s3;
    private final ExecutorService pool;
    private final OperationInputs inputs;
    private final String bucket;
    private final int concurrency;
    private final ProgressMeter progress;
    private final List<Object> deleted = new ArrayList<>();
    private final List<Object> errors = new ArrayList<>();
    private long sent;

    BulkDelete(S3Client s3, ExecutorService pool, OperationInputs inputs, String bucket, int concurrency,
               ProgressMeter progress) {
        this.s3 = s3;
        this.pool = pool;
        this.inputs = inputs;
        this.bucket = bucket;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    /** The batches' result, {@code {"Deleted":[..],"Errors":[..]}}. */
    Map<String, Object> run(Iterator<ObjectIdentifier> keys, long total, boolean checkedUpFront) {
        Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
        try {
            while (true) {
                List<ObjectIdentifier> batch = nextBatch(keys, inFlight, checkedUpFront);
                if (batch.isEmpty()) {
                    break;
                }
                if (inFlight.size() >= concurrency) {
                    collect(inFlight.removeFirst());
                }
                sent += batch.size();
                inFlight.addLast(concurrency == 1 ? CompletableFuture.completedFuture(delete(batch))
                                 : pool.submit(() -> delete(batch)));
                note(total);
            }
            while (!inFlight.isEmpty()) {
                collect(inFlight.removeFirst());
            }
        } catch (RuntimeException e) {
            settle(inFlight);
            note(total);
            throw e;
        } finally {
            progress.finish();
        }
        return JsonShapes.object("Deleted", deleted, "Errors", errors);
    }

    /** Up to 1000 keys, checked; a bad one in a body read as it goes refuses it with what the earlier batches did. */
    private List<ObjectIdentifier> nextBatch(Iterator<ObjectIdentifier> keys, Deque<Future<Outcome>> inFlight,
                                             boolean checkedUpFront) {
        List<ObjectIdentifier> batch = new ArrayList<>(DeleteMultipleObjectsProducer.BATCH_SIZE);
        try {
            while (batch.size() < DeleteMultipleObjectsProducer.BATCH_SIZE && keys.hasNext()) {
                batch.add(keys.next());
            }
        } catch (Trays3InvalidInputException e) {
            settle(inFlight);
            if (checkedUpFront || sent == 0) {
                throw e;
            }
            throw new Trays3InvalidInputException(inputs.operation().name(), bucket, null, e.getInput(), e.getValue(),
                    "was refused after earlier batches deleted " + deleted.size() + " keys (and failed " + errors.size()
                    + "); nothing from this item's batch on was sent: " + e.getMessage());
        }
        return batch;
    }

    private Outcome delete(List<ObjectIdentifier> batch) {
        DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        return new Outcome(batch, response);
    }

    private void collect(Future<Outcome> future) {
        Outcome outcome;
        try {
            outcome = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Trays3ErrorMessage.of(inputs.operation().name()).on(bucket, null)
                    .exception("interrupted while deleting", null, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
        Set<String> failed = new HashSet<>();
        outcome.response().errors().forEach(e -> {
            failed.add(e.key() + '\u0000' + e.versionId());
            errors.add(JsonShapes.object("Key", e.key(), "Code", e.code(), "Message", e.message()));
        });
        for (ObjectIdentifier object : outcome.batch()) {
            if (failed.isEmpty() || !failed.contains(object.key() + '\u0000' + object.versionId())) {
                deleted.add(DeleteMultipleObjectsProducer.deleted(object));
            }
        }
        progress.advance(outcome.batch().size());
    }

    /** Waits for the batches on the wire, counting what they did; their own failures are dropped for the first one. */
    private void settle(Deque<Future<Outcome>> inFlight) {
        while (!inFlight.isEmpty()) {
            try {
                collect(inFlight.removeFirst());
            } catch (RuntimeException ignored) {
                // the failure that stopped the call is the one reported
            }
        }
    }

    /** Should a batch fail, its error says what the others already did. */
    private void note(long total) {
        inputs.progress("other batches already deleted " + deleted.size() + " and failed " + errors.size() + " of "
                        + (total >= 0 ? String.valueOf(total) : "at least " + sent) + " keys");
    }

    private record Outcome(List<ObjectIdentifier> batch, DeleteObjectsResponse response) {
    }
}
