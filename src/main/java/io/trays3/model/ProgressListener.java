package io.trays3.model;

/**
 * Receives the progress of long transfers (the {@code progressListener} option): called at most every
 * {@code progressInterval} while a transfer runs, and once when it ends. It runs on the thread that moved the data, so
 * it must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A report of one transfer. */
    void progress(Progress progress);
}
