package io.trays3.health;

import io.trays3.Trays3Configuration;
import io.trays3.operation.IamCall;
import io.trays3.operation.Input;
import io.trays3.operation.InputPlace;
import io.trays3.operation.Trays3Operation;

/**
 * A call of an endpoint's operation as its configuration alone makes it: the values its URI options and the component
 * defaults give (following an input that falls back to another, as copyObject's destination bucket does), nothing a
 * message may add at run time.
 */
final class ConfiguredCall implements IamCall {

    private final Trays3Operation operation;
    private final Trays3Configuration configuration;

    ConfiguredCall(Trays3Operation operation, Trays3Configuration configuration) {
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public String valueOf(Input<?> input) {
        for (InputPlace place : operation.places(input)) {
            String value = switch (place.kind()) {
                case URI_OPTION, COMPONENT_DEFAULT -> configured(input);
                case INPUT -> valueOf(operation.spec().input(place.name()));
                default -> null;
            };
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public boolean given(Input<?> input) {
        return configured(input) != null;
    }

    private String configured(Input<?> input) {
        Object value = input.fromConfig() == null ? null : input.fromConfig().apply(configuration);
        String text = value == null ? null : value.toString().trim();
        return text == null || text.isEmpty() ? null : text;
    }
}
