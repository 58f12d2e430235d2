package io.trays3.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Locale;
import java.util.Optional;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that reads S3's XML answers (listings, errors, results of deletes and uploads) whole within the
 * attempt, up to {@link #LIMIT}: a connection lost half way through such an answer then fails the attempt with an
 * {@link IOException}, which the SDK retries, instead of failing while the SDK parses it, which it does not retry.
 * Other answers (object content) are passed on as they come. Owns its delegate.
 */
final class BufferedAnswers implements SdkHttpClient {

    /** The most of one answer read ahead; the rest of a longer answer is read as it is parsed. */
    static final int LIMIT = 1024 * 1024;

    private final SdkHttpClient delegate;

    BufferedAnswers(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest executable = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse response = executable.call();
                Optional<AbortableInputStream> body = response.responseBody();
                if (body.isEmpty() || !isXml(response)) {
                    return response;
                }
                AbortableInputStream stream = body.get();
                byte[] head;
                try {
                    head = stream.readNBytes(LIMIT);
                } catch (IOException | RuntimeException e) {
                    stream.abort();
                    throw e;
                }
                InputStream rest = head.length < LIMIT ? InputStream.nullInputStream() : stream;
                if (head.length < LIMIT) {
                    stream.close();
                }
                InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), rest);
                return HttpExecuteResponse.builder().response(response.httpResponse())
                        .responseBody(AbortableInputStream.create(whole, stream::abort)).build();
            }

            @Override
            public void abort() {
                executable.abort();
            }
        };
    }

    private static boolean isXml(HttpExecuteResponse response) {
        return response.httpResponse().firstMatchingHeader("Content-Type")
                .map(type -> type.toLowerCase(Locale.ROOT).contains("xml")).orElse(false);
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
