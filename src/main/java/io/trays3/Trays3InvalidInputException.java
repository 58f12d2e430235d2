package io.trays3;

/** Bad input, refused before any request is sent: names the option or header, the value and what is allowed. */
public class Trays3InvalidInputException extends Trays3Exception {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final String value;

    /**
     * @param operation the operation that refused the input
     * @param input     where the value came from, for example {@code option 'bucket'} or {@code header CamelTrays3Bucket}
     * @param value     the value as given (null when missing)
     * @param problem   what is wrong and what is allowed
     */
    public Trays3InvalidInputException(String operation, String input, Object value, String problem) {
        this(operation, null, null, input, value, problem);
    }

    /**
     * As above, for a call whose bucket (and key) were already resolved and checked when the bad input was found.
     *
     * @param bucket the bucket of the call, or null when it is not known (or is itself the bad input)
     * @param key    the key of the call, or null when it is not known (or is itself the bad input)
     */
    public Trays3InvalidInputException(String operation, String bucket, String key, String input, Object value,
                                       String problem) {
        super(operation, bucket, key, Trays3ErrorMessage.of(operation).invalidInput(input, value, problem), null);
        this.input = input;
        this.value = value == null ? null : Trays3ErrorMessage.shorten(value);
    }

    /** Where the bad value came from: an option or a header name. */
    public String getInput() {
        return input;
    }

    /** The bad value (shortened when very long), or null when it was missing. */
    public String getValue() {
        return value;
    }
}
