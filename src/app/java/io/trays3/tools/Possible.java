package io.trays3.tools;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a value (a header, an option, the bucket a body names) may be at one point of a route: not set, one of some
 * literal values, or something only known at run time (with the reasons why). Values only grow when two paths join, so
 * the analysis never claims less than a route may do. Reasons that come from a step the analysis cannot see into (a
 * processor, a bean, an unknown endpoint: {@link #widen}) are marked as such, so the policy tool can say which grants
 * such a step costs.
 */
final class Possible {

    /** Beyond this many literal values the analysis stops listing them and treats the value as unknown. */
    static final int MAX_LITERALS = 32;

    /** Nothing at all: the neutral element of {@link #join}. */
    static final Possible NONE = new Possible(false, new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    /** Not set. */
    static final Possible ABSENT = new Possible(true, new TreeSet<>(), new TreeSet<>(), new TreeSet<>());

    private final boolean absent;
    private final SortedSet<String> literals;
    private final SortedSet<String> unknownReasons;
    /** The reasons (among {@link #unknownReasons}) that name a step the analysis cannot see into. */
    private final SortedSet<String> opaqueReasons;

    private Possible(boolean absent, SortedSet<String> literals, SortedSet<String> unknownReasons,
                     SortedSet<String> opaqueReasons) {
        this.absent = absent;
        this.literals = Collections.unmodifiableSortedSet(literals);
        this.unknownReasons = Collections.unmodifiableSortedSet(unknownReasons);
        this.opaqueReasons = Collections.unmodifiableSortedSet(opaqueReasons);
    }

    /** A known value; null or blank counts as not set (as trays3 itself treats it). */
    static Possible literal(String value) {
        if (value == null || value.isBlank()) {
            return ABSENT;
        }
        SortedSet<String> one = new TreeSet<>();
        one.add(value);
        return new Possible(false, one, new TreeSet<>(), new TreeSet<>());
    }

    /** A value only known at run time, and why. */
    static Possible unknown(String reason) {
        SortedSet<String> reasons = new TreeSet<>();
        reasons.add(reason);
        return new Possible(false, new TreeSet<>(), reasons, new TreeSet<>());
    }

    /** A value that a step the analysis cannot see into may have set, and which step. */
    static Possible opaque(String reason) {
        SortedSet<String> reasons = new TreeSet<>();
        reasons.add(reason);
        return new Possible(false, new TreeSet<>(), reasons, new TreeSet<>(reasons));
    }

    /**
     * Anything, because of a step the analysis cannot see into: left as it was, changed to something unknown, or
     * removed.
     */
    Possible widen(String reason) {
        return join(ABSENT).join(opaque(reason));
    }

    /** Either this or that. */
    Possible join(Possible other) {
        if (other == this || other == NONE) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        SortedSet<String> values = new TreeSet<>(literals);
        values.addAll(other.literals);
        SortedSet<String> reasons = new TreeSet<>(unknownReasons);
        reasons.addAll(other.unknownReasons);
        SortedSet<String> opaque = new TreeSet<>(opaqueReasons);
        opaque.addAll(other.opaqueReasons);
        if (values.size() > MAX_LITERALS) {
            values.clear();
            reasons.add("more than " + MAX_LITERALS + " possible values");
        }
        return new Possible(absent || other.absent, values, reasons, opaque);
    }

    /** The same without one reason for being unknown. */
    Possible without(String reason) {
        SortedSet<String> reasons = new TreeSet<>(unknownReasons);
        reasons.remove(reason);
        SortedSet<String> opaque = new TreeSet<>(opaqueReasons);
        opaque.remove(reason);
        return new Possible(absent, new TreeSet<>(literals), reasons, opaque);
    }

    /**
     * The same as if no step the analysis cannot see into had set it: without their reasons (what such a step may
     * leave or remove stays).
     */
    Possible withoutOpaque() {
        if (opaqueReasons.isEmpty()) {
            return this;
        }
        SortedSet<String> reasons = new TreeSet<>(unknownReasons);
        reasons.removeAll(opaqueReasons);
        return new Possible(absent, new TreeSet<>(literals), reasons, new TreeSet<>());
    }

    /** The same without the "not set" case. */
    Possible withoutAbsent() {
        return absent ? new Possible(false, new TreeSet<>(literals), new TreeSet<>(unknownReasons),
                                     new TreeSet<>(opaqueReasons)) : this;
    }

    /** The same with the "not set" case replaced by a value known only at run time. */
    Possible absentAsUnknown(String reason) {
        return absent ? withoutAbsent().join(unknown(reason)) : this;
    }

    boolean mayBeAbsent() {
        return absent;
    }

    boolean mayBeUnknown() {
        return !unknownReasons.isEmpty();
    }

    /** Whether it may hold some value (known or not). */
    boolean maySet() {
        return !literals.isEmpty() || !unknownReasons.isEmpty();
    }

    SortedSet<String> literals() {
        return literals;
    }

    SortedSet<String> unknownReasons() {
        return unknownReasons;
    }

    /** The reasons for being unknown that name a step the analysis cannot see into. */
    SortedSet<String> opaqueReasons() {
        return opaqueReasons;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Possible p && absent == p.absent && literals.equals(p.literals)
               && unknownReasons.equals(p.unknownReasons) && opaqueReasons.equals(p.opaqueReasons);
    }

    @Override
    public int hashCode() {
        return Objects.hash(absent, literals, unknownReasons, opaqueReasons);
    }

    @Override
    public String toString() {
        return (absent ? "absent " : "") + literals + (unknownReasons.isEmpty() ? "" : " unknown" + unknownReasons);
    }
}
