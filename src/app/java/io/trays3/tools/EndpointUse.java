package io.trays3.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trays3.operation.IamCall;
import io.trays3.operation.IamGrant;
import io.trays3.operation.Input;
import io.trays3.operation.Trays3Operation;

/**
 * One way a route calls a trays3 operation, as IAM sees it. A step whose inputs may take several values (a header set
 * differently on two branches, for example) gives one use per combination.
 *
 * @param routeId        the route's id
 * @param source         the file the route was loaded from
 * @param operation      the operation
 * @param values         the values of the operation's resource inputs ({@link Input.IamUse#VALUE}); null where a value
 *                       is only known at run time (any)
 * @param given          the inputs that add actions ({@link Input.IamUse#PRESENCE}) and may be given
 * @param unknownReasons why each input whose value is null is only known at run time
 */
public record EndpointUse(String routeId, String source, Trays3Operation operation, Map<Input<?>, String> values,
                          Set<Input<?>> given, Map<Input<?>, String> unknownReasons) implements IamCall {

    /** The collections are copied (the value map keeps nulls). */
    public EndpointUse {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        given = Collections.unmodifiableSet(new LinkedHashSet<>(given));
        unknownReasons = Collections.unmodifiableMap(new LinkedHashMap<>(unknownReasons));
    }

    @Override
    public String valueOf(Input<?> input) {
        return values.get(input);
    }

    @Override
    public boolean given(Input<?> input) {
        return given.contains(input);
    }

    /** What this use needs in IAM. */
    public List<IamGrant> grants() {
        return operation.grants(this);
    }

    /** The bucket, or null when it is only known at run time or not needed. */
    public String bucket() {
        return values.get(Input.BUCKET);
    }

    /** The key when the route fixes it, else null. */
    public String key() {
        return values.get(Input.KEY);
    }

    /** Whether a bucket this use needs is only known at run time. */
    public boolean anyBucket() {
        return grants().stream().anyMatch(IamGrant::anyBucket);
    }

    /** Why the input's value is only known at run time, or null. */
    public String reason(Input<?> input) {
        return unknownReasons.get(input);
    }
}
