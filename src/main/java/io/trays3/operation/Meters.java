package io.trays3.operation;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Endpoint;
import io.trays3.model.Progress;
import io.trays3.model.ProgressMeter;

/** The progress meters of the operations, configured from the endpoint (progressInterval, progressListener). */
final class Meters {

    private Meters() {
    }

    /** A meter of one call's transfer of {@code total} bytes or keys (-1: unknown) on {@code s3://bucket[/key]}. */
    static ProgressMeter meter(Trays3Endpoint endpoint, OperationInputs inputs, Progress.Unit unit, long total,
                               String bucket, String key) {
        Trays3Configuration configuration = endpoint.getConfiguration();
        return new ProgressMeter(inputs.operation().name(), "s3://" + bucket + (key == null ? "" : "/" + key), unit, total,
                                 configuration.getProgressInterval(), System::nanoTime, inputs.exchange(),
                                 configuration.getProgressListener());
    }
}
