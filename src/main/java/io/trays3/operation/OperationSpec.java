package io.trays3.operation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What one operation is, for everyone who needs to know: the inputs it reads and where it looks for each, its traits,
 * and what it needs in IAM. The producer resolves its inputs from it, the {@code policy} tool follows the inputs through
 * a route and grants what {@link #grants(IamCall)} says, {@code doctor} probes those grants.
 *
 * @param inputs    the inputs the operation reads
 * @param fallbacks for an input whose fallbacks differ from its own other-component headers: the places between the URI
 *                  option and the component default, in order
 * @param traits    what else the operation does that the tools must know
 * @param iam       the grants one call needs
 * @param sets      for a consumer: the inputs whose trays3 header it sets on each exchange it emits; the header holds
 *                  the value of the consumer's own input when it reads that input (the bucket), else a value only known
 *                  at run time (the key of the object it picked up)
 */
public record OperationSpec(List<Input<?>> inputs, Map<Input<?>, List<InputPlace>> fallbacks, Set<Trait> traits,
                            Function<IamCall, List<IamGrant>> iam, List<Input<?>> sets) {

    /** What an operation does beyond reading its inputs. */
    public enum Trait {
        /** It writes an object from the body (an acl given with it also needs s3:PutObjectAcl). */
        UPLOADS,
        /** It reads a version when one is given. */
        READS_VERSION,
        /**
         * It changes or destroys a version when one is given, so a version header that still holds what getObject read
         * (the {@code CamelTrays3ReadVersionId} property) is not taken as one.
         */
        CHANGES_VERSION,
        /** The keys it acts on, and their versions, come from the body. */
        KEYS_FROM_BODY,
        /** Its result lists the objects of its bucket, and names it ({@code Name}). */
        LISTS_BUCKET,
        /** It sets the version header to the version it read, and the {@code CamelTrays3ReadVersionId} property. */
        REPORTS_READ_VERSION,
        /**
         * It is a consumer ({@code from(...)}): it reads no message, its grants are what it needs to find the objects and
         * to act on them after each exchange, and it starts each exchange with the headers of {@link #sets()}.
         */
        CONSUMES
    }

    /** The collections are copied. */
    public OperationSpec {
        inputs = List.copyOf(inputs);
        fallbacks = Map.copyOf(fallbacks);
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
        sets = List.copyOf(sets);
    }

    /** An operation that reads these inputs and needs these grants. */
    public static OperationSpec of(List<Input<?>> inputs, Function<IamCall, List<IamGrant>> iam) {
        return new OperationSpec(inputs, Map.of(), Set.of(), iam, List.of());
    }

    /** The same with these traits. */
    public OperationSpec with(Trait... more) {
        Set<Trait> all = EnumSet.noneOf(Trait.class);
        all.addAll(traits);
        all.addAll(List.of(more));
        return new OperationSpec(inputs, fallbacks, all, iam, sets);
    }

    /** The same, for a consumer that sets the headers of these inputs on each exchange (see {@link #sets()}). */
    public OperationSpec setting(Input<?>... headers) {
        return new OperationSpec(inputs, fallbacks, traits, iam, List.of(headers));
    }

    /** The same, looking for {@code input} in these places between the URI option and the component default. */
    public OperationSpec fallback(Input<?> input, InputPlace... places) {
        Map<Input<?>, List<InputPlace>> all = new LinkedHashMap<>(fallbacks);
        all.put(input, List.of(places));
        return new OperationSpec(inputs, all, traits, iam, sets);
    }

    /** Whether the operation reads the input. */
    public boolean reads(Input<?> input) {
        return inputs.contains(input);
    }

    /**
     * Refuses a description that contradicts itself, so a new operation cannot be declared half-way: a version input
     * needs to say whether it is read or changed (the tools treat the two differently), and an upload reads the content
     * type and metadata it writes.
     */
    void check(String operation) {
        if (reads(Input.VERSION_ID) && has(Trait.READS_VERSION) == has(Trait.CHANGES_VERSION)) {
            throw new IllegalStateException(operation + " reads versionId: declare exactly one of READS_VERSION and"
                                            + " CHANGES_VERSION");
        }
        if (has(Trait.UPLOADS) && !(reads(Input.CONTENT_TYPE) && reads(Input.METADATA))) {
            throw new IllegalStateException(operation + " uploads: it must read contentType and metadata");
        }
    }

    /** The input the operation reads under that option name (for {@link InputPlace.Kind#INPUT} places). */
    public Input<?> input(String option) {
        return inputs.stream().filter(i -> i.option().equals(option)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no input '" + option + "' declared"));
    }

    /** Whether the operation has the trait. */
    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /**
     * Where the operation looks for the input, first place first: the trays3 header (when the input has one); the option
     * if the URI writes it; the fallbacks (by default the input's other-component headers); the option's component
     * default.
     */
    public List<InputPlace> places(Input<?> input) {
        List<InputPlace> places = new ArrayList<>();
        if (input.hasHeader()) {
            places.add(new InputPlace(InputPlace.Kind.HEADER, input.header()));
        }
        if (input.hasOption()) {
            places.add(new InputPlace(InputPlace.Kind.URI_OPTION, input.option()));
        }
        List<InputPlace> between = fallbacks.get(input);
        if (between == null) {
            input.otherHeaders().forEach(header -> places.add(InputPlace.otherHeader(header)));
        } else {
            places.addAll(between);
        }
        if (input.hasOption()) {
            places.add(new InputPlace(InputPlace.Kind.COMPONENT_DEFAULT, input.option()));
        }
        return List.copyOf(places);
    }

    /** What one call needs in IAM. */
    public List<IamGrant> grants(IamCall call) {
        return iam.apply(call);
    }
}
