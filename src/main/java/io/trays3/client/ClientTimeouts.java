package io.trays3.client;

import java.time.Duration;
import java.util.Locale;

import io.trays3.Trays3Configuration;
import io.trays3.metrics.AttemptCounter;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The timeout, pool and retry options of one connection configuration, checked, as the SDK takes them. Checked when an
 * endpoint starts, so a wrong value stops the route from starting with a message that names the option.
 */
record ClientTimeouts(long apiCallTimeout, long apiCallAttemptTimeout, long connectionTimeout, long socketTimeout,
                      long connectionAcquisitionTimeout, int maxConnections, RetryMode retryMode, int maxAttempts,
                      boolean expectContinue) {

    /**
     * Takes away the {@code Expect: 100-continue} S3's own interceptor puts on uploads, when the HTTP client does not wait
     * for the server's 100 anyway: the request then says what the client does.
     */
    private static final ExecutionInterceptor NO_EXPECT_CONTINUE = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("Expect").isPresent() ? request.toBuilder().removeHeader("Expect").build()
                    : request;
        }
    };

    /** The options of a configuration; a negative duration, an empty pool or an unknown retry mode is refused. */
    static ClientTimeouts of(Trays3Configuration config) {
        return new ClientTimeouts(
                atLeast("apiCallTimeout", config.getApiCallTimeout(), 0),
                atLeast("apiCallAttemptTimeout", config.getApiCallAttemptTimeout(), 0),
                atLeast("connectionTimeout", config.getConnectionTimeout(), 1),
                atLeast("socketTimeout", config.getSocketTimeout(), 1),
                atLeast("connectionAcquisitionTimeout", config.getConnectionAcquisitionTimeout(), 1),
                (int) atLeast("maxConnections", config.getMaxConnections(), 1),
                retryMode(config.getRetryMode()),
                (int) atLeast("maxAttempts", config.getMaxAttempts(), 1),
                config.isExpectContinue());
    }

    /**
     * The Apache HTTP client: pool size, connect, socket and pool-wait timeouts, and whether uploads wait for the
     * server's 100 Continue (the SDK's Apache 4 client does by default: one round trip more per upload).
     */
    SdkHttpClient httpClient() {
        return ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .expectContinueEnabled(expectContinue)
                .connectionTimeout(Duration.ofMillis(connectionTimeout))
                .socketTimeout(Duration.ofMillis(socketTimeout))
                .connectionAcquisitionTimeout(Duration.ofMillis(connectionAcquisitionTimeout))
                .build();
    }

    /**
     * The SDK's call settings: retries, the total bound when one is set, and for calls that move no object data the
     * attempt timeout (a transfer's attempt is bounded by progress instead: a large body takes as long as it takes).
     */
    ClientOverrideConfiguration overrides(boolean withAttemptTimeout) {
        ClientOverrideConfiguration.Builder builder = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.forRetryMode(retryMode).toBuilder().maxAttempts(maxAttempts).build())
                .addExecutionInterceptor(AttemptCounter.INSTANCE);
        if (apiCallTimeout > 0) {
            builder.apiCallTimeout(Duration.ofMillis(apiCallTimeout));
        }
        if (withAttemptTimeout && apiCallAttemptTimeout > 0) {
            builder.apiCallAttemptTimeout(Duration.ofMillis(apiCallAttemptTimeout));
        }
        if (!expectContinue) {
            builder.addExecutionInterceptor(NO_EXPECT_CONTINUE);
        }
        return builder.build();
    }

    private static long atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("trays3: option '" + option + "' value '" + value + "' is too small;"
                                               + " allowed: " + (min == 0 ? "0 (none) or a positive duration"
                                               : "at least " + min));
        }
        return value;
    }

    private static RetryMode retryMode(String value) {
        String mode = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "standard" -> RetryMode.STANDARD;
            case "adaptive" -> RetryMode.ADAPTIVE_V2;
            case "legacy" -> RetryMode.LEGACY;
            default -> throw new IllegalArgumentException("trays3: option 'retryMode' value '" + value
                                                          + "' is not a retry mode; allowed: standard, adaptive, legacy");
        };
    }
}
