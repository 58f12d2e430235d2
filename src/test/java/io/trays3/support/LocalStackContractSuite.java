package io.trays3.support;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Runs the contract tests (tag {@code contract}) a second time, against LocalStack in a container. Skipped, with the
 * reason printed, where no Docker engine runs.
 */
@Suite
@SuiteDisplayName("trays3 contract suite against LocalStack")
@SelectPackages("io.trays3")
@IncludeTags("contract")
@ConfigurationParameter(key = S3TargetExtension.TARGET_PARAMETER, value = "localstack")
public class LocalStackContractSuite {
}
