package io.trays3.tools;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import io.trays3.operation.Trays3Operation;

/**
 * A grant the policy holds only because a step the analysis cannot see into (a processor, a bean, an unknown endpoint)
 * may set a header (or replace the body) that a trays3 step reads: which actions on which resource, and why.
 *
 * @param routeId   the route's id
 * @param source    the file the route was loaded from
 * @param operation the trays3 step's operation
 * @param resource  the resource, as the policy writes it
 * @param actions   the actions granted on it only because of such steps
 * @param reasons   each naming a header (or the body) and the step that may set it
 *                  ({@code header CamelTrays3Bucket may be set by the 'process' step (ref=enrich) before it})
 */
public record Widening(String routeId, String source, Trays3Operation operation, String resource, SortedSet<String> actions,
                       SortedSet<String> reasons) {

    /** The sets are copied. */
    public Widening {
        actions = Collections.unmodifiableSortedSet(new TreeSet<>(actions));
        reasons = Collections.unmodifiableSortedSet(new TreeSet<>(reasons));
    }
}
