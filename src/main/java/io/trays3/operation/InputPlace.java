package io.trays3.operation;

/**
 * One place an operation looks for an input's value; an operation's places for an input, in order, are its precedence
 * ({@link Trays3Operation#places(Input)}): the run time takes the first that is set, the tools join what each may hold.
 *
 * @param kind what kind of place
 * @param name the header or option name (of the other input, for {@link Kind#INPUT}); null for
 *             {@link Kind#LISTED_BUCKET}
 */
public record InputPlace(Kind kind, String name) {

    /** The kinds of place, from the one that usually ranks highest. */
    public enum Kind {
        /** The trays3 message header ({@code CamelTrays3Bucket}). */
        HEADER,
        /** The option, when the endpoint URI writes it. */
        URI_OPTION,
        /** The bucket a listBucketObjects result in the body names (its {@code Name}). */
        LISTED_BUCKET,
        /** Another component's header: camel-aws2-s3's bucket and key, the file component's file name. */
        OTHER_HEADER,
        /** The value of another input of the same call (copyObject's destination key: the source key). */
        INPUT,
        /** The option's component default ({@code camel.component.trays3.*}), else its built-in default. */
        COMPONENT_DEFAULT
    }

    /** The bucket named by a listing in the body. */
    public static final InputPlace LISTING = new InputPlace(Kind.LISTED_BUCKET, null);

    /** Another component's header. */
    public static InputPlace otherHeader(String name) {
        return new InputPlace(Kind.OTHER_HEADER, name);
    }

    /** The value of another input of the same call. */
    public static InputPlace sameAs(Input<?> input) {
        return new InputPlace(Kind.INPUT, input.option());
    }

    /** Whether the place is a message header. */
    public boolean isHeader() {
        return kind == Kind.HEADER || kind == Kind.OTHER_HEADER;
    }

    /** How an error names this place: {@code header X}, {@code option 'y'} or {@code body field 'Name'}. */
    public String describe() {
        return switch (kind) {
            case HEADER, OTHER_HEADER -> "header " + name;
            case URI_OPTION, COMPONENT_DEFAULT -> "option '" + name + "'";
            case LISTED_BUCKET -> "body field 'Name'";
            case INPUT -> "the " + name + " input";
        };
    }
}
