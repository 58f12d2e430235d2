package io.trays3.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.trays3.operation.Input;
import io.trays3.operation.InputPlace;
import io.trays3.operation.OperationInputs;
import io.trays3.operation.OperationSpec.Trait;
import io.trays3.operation.Trays3Operation;

/**
 * The inputs of one trays3 step as the route gives them, resolved without running anything: the same places in the same
 * order as at run time ({@link Trays3Operation#places(Input)}), but each place may hold several values or one only known
 * at run time, so they are joined down the list for as long as the places above may be unset.
 */
final class StaticInputs {

    private final Trays3Operation operation;
    private final Map<String, Object> uriOptions;
    private final boolean dynamicUri;
    private final Map<String, String> componentDefaults;

    /**
     * @param uriOptions        the options the step's URI writes, or null when they cannot be parsed
     * @param dynamicUri        whether the URI is a toD's, whose ${...} values are only known at run time
     * @param componentDefaults the trays3 component's defaults from the properties, by option name
     */
    StaticInputs(Trays3Operation operation, Map<String, Object> uriOptions, boolean dynamicUri,
                 Map<String, String> componentDefaults) {
        this.operation = operation;
        this.uriOptions = uriOptions;
        this.dynamicUri = dynamicUri;
        this.componentDefaults = componentDefaults;
    }

    /** What the input may be at this step, coming in with {@code state}. */
    Possible input(Input<?> input, FlowState state) {
        Possible result = Possible.NONE;
        for (InputPlace place : operation.places(input)) {
            Possible value = at(input, place, state);
            result = result.join(value.withoutAbsent());
            if (!value.mayBeAbsent()) {
                return result;
            }
        }
        return result.join(Possible.ABSENT);
    }

    /** What one place may hold for the input, coming in with {@code state}. */
    Possible at(Input<?> input, InputPlace place, FlowState state) {
        return switch (place.kind()) {
            case HEADER -> ignoresReadVersion(input) ? withoutReadVersion(state.header(place.name()))
                    : state.header(place.name());
            case OTHER_HEADER -> state.header(place.name());
            case URI_OPTION -> uriOption(place.name());
            case LISTED_BUCKET -> state.listedBucket();
            case INPUT -> input(operation.spec().input(place.name()), state);
            case COMPONENT_DEFAULT -> Possible.literal(componentDefaults.getOrDefault(input.option(), input.defaultValue()));
        };
    }

    /** An operation that changes versions does not take the version getObject read from the header (see OperationInputs). */
    private boolean ignoresReadVersion(Input<?> input) {
        return input == Input.VERSION_ID && operation.has(Trait.CHANGES_VERSION);
    }

    private static Possible withoutReadVersion(Possible header) {
        return header.unknownReasons().contains(RouteFlow.READ_VERSION)
                ? header.without(RouteFlow.READ_VERSION).join(Possible.ABSENT) : header;
    }

    /** The option as written in the URI (case and dashes do not matter), or absent. */
    Possible uriOption(String name) {
        if (uriOptions == null) {
            return Possible.unknown("the trays3:" + operation + " URI cannot be parsed");
        }
        Object value = null;
        for (Map.Entry<String, Object> entry : uriOptions.entrySet()) {
            if (OperationInputs.normalise(entry.getKey()).equals(OperationInputs.normalise(name))) {
                value = entry.getValue();
            }
        }
        if (value == null) {
            return Possible.ABSENT;
        }
        String text = value.toString();
        if (dynamicUri && (text.contains("${") || text.contains("$simple{"))) {
            return Possible.unknown("option " + name + "=" + text + " of a toD is only known at run time");
        }
        return Possible.literal(text);
    }

    /**
     * Every way the step may call the operation, as IAM sees it: one use per combination of the values its resource
     * inputs may take (null where a value is only known at run time), with the inputs that add actions where they may
     * be given.
     */
    List<EndpointUse> uses(String routeId, String source, FlowState state) {
        List<Map<Input<?>, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        Map<Input<?>, String> reasons = new LinkedHashMap<>();
        Set<Input<?>> given = new LinkedHashSet<>();
        for (Input<?> input : operation.spec().inputs()) {
            if (input.iam() == Input.IamUse.PRESENCE && mayBeGiven(input, input(input, state))) {
                given.add(input);
            } else if (input.iam() == Input.IamUse.VALUE) {
                Possible value = input(input, state);
                List<String> alternatives = alternatives(input, value);
                if (alternatives.contains(null)) {
                    reasons.put(input, reason(input, value));
                }
                List<Map<Input<?>, String>> next = new ArrayList<>();
                for (Map<Input<?>, String> combination : combinations) {
                    for (String alternative : alternatives) {
                        Map<Input<?>, String> more = new LinkedHashMap<>(combination);
                        more.put(input, alternative);
                        next.add(more);
                    }
                }
                combinations = next;
            }
        }
        List<EndpointUse> uses = new ArrayList<>();
        for (Map<Input<?>, String> values : combinations) {
            Map<Input<?>, String> unknown = new LinkedHashMap<>();
            reasons.forEach((input, reason) -> {
                if (values.get(input) == null) {
                    unknown.put(input, reason);
                }
            });
            uses.add(new EndpointUse(routeId, source, operation, values, given, unknown));
        }
        return uses;
    }

    /** Whether an input that adds actions may be given: set at all, or for a boolean option, possibly true. */
    private static boolean mayBeGiven(Input<?> input, Possible value) {
        if (input.type() != Boolean.class) {
            return value.maySet();
        }
        return value.mayBeUnknown() || value.literals().stream().anyMatch(v -> !"false".equalsIgnoreCase(v.trim()));
    }

    /**
     * The values a resource input may take: its literals; its default where it may be unset; where it may be only known at
     * run time, every allowed value when it has a short list of them, else null (any).
     */
    private static List<String> alternatives(Input<?> input, Possible value) {
        Set<String> alternatives = new LinkedHashSet<>();
        List<String> allowed = input.allowedValues();
        for (String literal : value.literals()) {
            String normalised = allowed.isEmpty() ? literal : literal.trim().toUpperCase(Locale.ROOT);
            // a value outside the allowed list fails before any request: it needs nothing
            if (allowed.isEmpty() || allowed.contains(normalised)) {
                alternatives.add(normalised);
            }
        }
        if (value.mayBeAbsent()) {
            alternatives.add(input.defaultValue());
        }
        if (value.mayBeUnknown()) {
            if (allowed.isEmpty()) {
                alternatives.add(null);
            } else {
                alternatives.addAll(allowed);
            }
        }
        return new ArrayList<>(alternatives);
    }

    /** Why a resource input is only known at run time. */
    private String reason(Input<?> input, Possible value) {
        List<String> reasons = new ArrayList<>(value.unknownReasons());
        if (value.mayBeAbsent()) {
            List<String> headers = operation.places(input).stream().filter(InputPlace::isHeader).map(InputPlace::name)
                    .toList();
            reasons.add("no " + input.option() + " option, and no " + input.option() + " header (" + String.join(", ", headers)
                        + ") set before this step: only the message can bring one at run time");
        }
        return String.join("; ", reasons);
    }
}
