package io.trays3.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Static credentials that notice being closed and then stop answering, as an STS or SSO provider stops refreshing: the
 * SDK closes closeable providers it was given, so this shows whether trays3 closed a provider it does not own.
 */
public final class CloseRecordingCredentials implements AwsCredentialsProvider, SdkAutoCloseable {

    private final AwsCredentials credentials;
    private volatile boolean closed;

    public CloseRecordingCredentials(String accessKey, String secretKey) {
        this.credentials = AwsBasicCredentials.create(accessKey, secretKey);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        if (closed) {
            throw new IllegalStateException("credentials provider is closed");
        }
        return credentials;
    }

    /** Whether anything closed it. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
