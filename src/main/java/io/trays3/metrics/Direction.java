package io.trays3.metrics;

/** Which way bytes go: up to S3 (uploads) or down from it (downloads). */
public enum Direction {

    /** Request bodies sent to S3. */
    UP("up"),
    /** Object content read from S3. */
    DOWN("down");

    private final String tag;

    Direction(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code direction} tag. */
    public String tag() {
        return tag;
    }
}
