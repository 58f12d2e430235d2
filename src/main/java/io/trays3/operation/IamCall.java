package io.trays3.operation;

/**
 * One call of an operation as IAM sees it: the values of the inputs that name resources, and which inputs that add
 * actions are given. At run time these are the resolved inputs; in the {@code policy} tool, one combination of what a
 * route may pass.
 */
public interface IamCall {

    /** The value of an input the policy needs ({@link Input.IamUse#VALUE}), or null when it is not known (any). */
    String valueOf(Input<?> input);

    /**
     * Whether an input that adds actions ({@link Input.IamUse#PRESENCE}) is (or may be) given; a boolean option is given
     * when it is (or may be) true.
     */
    boolean given(Input<?> input);
}
