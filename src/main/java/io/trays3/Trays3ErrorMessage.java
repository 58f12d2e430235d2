package io.trays3;

/**
 * The one place that writes the message of every trays3 exception:
 * {@code trays3 <operation>[ on 'bucket/key' | on bucket 'b'][ (progress)]: <what happened>[. <what to do>]}.
 * Callers give only what happened and what to do; the operation and the place are written here, once. No secret goes in:
 * the texts given are S3's answers, the SDK's reasons and operation inputs, never credentials.
 */
public final class Trays3ErrorMessage {

    private static final int MAX_VALUE_LENGTH = 200;

    private final String operation;
    private final String bucket;
    private final String key;
    private final String progress;

    private Trays3ErrorMessage(String operation, String bucket, String key, String progress) {
        this.operation = operation;
        this.bucket = bucket;
        this.key = key;
        this.progress = progress;
    }

    /** A message about the given operation, as written in the URI (for example {@code putObjectText}). */
    public static Trays3ErrorMessage of(String operation) {
        return new Trays3ErrorMessage(operation, null, null, null);
    }

    /** Where the call went: {@code on 'bucket/key'}, {@code on bucket 'bucket'}, nothing when the bucket is null. */
    public Trays3ErrorMessage on(String bucket, String key) {
        return new Trays3ErrorMessage(operation, bucket, key, progress);
    }

    /** How far a call of several requests got (null or blank: nothing), written in parentheses after the place. */
    public Trays3ErrorMessage progress(String progress) {
        return new Trays3ErrorMessage(operation, bucket, key, progress);
    }

    /** The message: prefix and place, then what happened. */
    public String compose(String whatHappened) {
        return compose(whatHappened, null);
    }

    /** The message: prefix and place, then what happened and, when not null, what to do about it. */
    public String compose(String whatHappened, String whatToDo) {
        StringBuilder message = new StringBuilder("trays3 ").append(operation);
        if (bucket != null) {
            message.append(key == null ? " on bucket '" + bucket + "'" : " on '" + bucket + "/" + key + "'");
        }
        if (progress != null && !progress.isBlank()) {
            message.append(" (").append(progress).append(')');
        }
        message.append(": ").append(whatHappened);
        if (whatToDo != null && !whatToDo.isBlank()) {
            message.append(". ").append(whatToDo);
        }
        return message.toString();
    }

    /**
     * The message of bad input: {@code <input>[ value '<value>'] <problem>}, the value shortened when very long.
     *
     * @param input   where the value came from, for example {@code option 'bucket'} or {@code header CamelTrays3Bucket}
     * @param value   the value as given (null when missing)
     * @param problem what is wrong and what is allowed
     */
    public String invalidInput(String input, Object value, String problem) {
        return compose(input + (value == null ? "" : " value '" + shorten(value) + "'") + " " + problem);
    }

    /** A {@link Trays3Exception} of this operation and place, with the composed message. */
    public Trays3Exception exception(String whatHappened, String whatToDo, Throwable cause) {
        return new Trays3Exception(operation, bucket, key, compose(whatHappened, whatToDo), cause);
    }

    /** A value as an error message quotes it: at most 200 characters, then how long it was. */
    static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_VALUE_LENGTH ? text
                : text.substring(0, MAX_VALUE_LENGTH) + "... (" + text.length() + " characters)";
    }
}
