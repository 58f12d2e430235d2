package io.trays3.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Chooses the S3 server of a test run: the in-JVM S3Proxy by default, LocalStack when the JUnit configuration parameter
 * {@value #TARGET_PARAMETER} is {@code localstack} (see {@code LocalStackContractSuite}). Without a Docker engine the
 * LocalStack run is skipped, with the reason printed and reported.
 */
public final class S3TargetExtension implements ExecutionCondition, ParameterResolver {

    /** The configuration parameter that names the target. */
    public static final String TARGET_PARAMETER = "trays3.s3.target";
    private static volatile boolean reasonPrinted;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!isLocalStack(context)) {
            return ConditionEvaluationResult.enabled("runs against the in-JVM S3Proxy");
        }
        String reason = LocalStackTarget.unavailableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("runs against LocalStack");
        }
        String message = "LocalStack contract run skipped: " + reason;
        if (!reasonPrinted) {
            reasonPrinted = true;
            System.out.println("[trays3] " + message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3Target.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return isLocalStack(context) ? LocalStackTarget.get() : S3ProxyTarget.get();
    }

    private static boolean isLocalStack(ExtensionContext context) {
        return context.getConfigurationParameter(TARGET_PARAMETER).map("localstack"::equalsIgnoreCase).orElse(false);
    }
}
