package io.trays3.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server for edge cases a real S3 server will not produce on demand (AccessDenied, region redirects) and for
 * the AWS endpoints credentials come from (STS, container and instance metadata). It records the requests it saw.
 */
public final class StubS3Server implements AutoCloseable {

    /** A request as the stub saw it; header names are case-insensitive. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: status, body and headers as name, value pairs. */
    public record Response(int status, String body, String... headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Request> seen = new CopyOnWriteArrayList<>();

    private StubS3Server(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Answers every request with this status, these headers (name, value pairs) and this body. */
    public static StubS3Server answering(int status, String body, String... headers) throws IOException {
        return routing(request -> new Response(status, body, headers));
    }

    /** Answers each request with what the handler says, one request at a time. */
    public static StubS3Server routing(Function<Request, Response> handler) throws IOException {
        return start(handler, null);
    }

    /** Answers each request with what the handler says, several at once (the handler must be thread-safe). */
    public static StubS3Server routingConcurrently(Function<Request, Response> handler) throws IOException {
        return start(handler, Executors.newCachedThreadPool());
    }

    private static StubS3Server start(Function<Request, Response> handler, ExecutorService executor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        StubS3Server stub = new StubS3Server(server, executor);
        server.createContext("/", exchange -> stub.answer(exchange, handler));
        server.setExecutor(executor);
        server.start();
        return stub;
    }

    /** An S3 error document. */
    public static String errorXml(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
               + "</Message><RequestId>" + requestId + "</RequestId><HostId>stub</HostId></Error>";
    }

    private void answer(HttpExchange exchange, Function<Request, Response> handler) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                                          exchange.getRequestURI().getRawQuery(), headers, body);
            seen.add(request);
            Response response = handler.apply(request);
            String[] pairs = response.headers();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                exchange.getResponseHeaders().add(pairs[i], pairs[i + 1]);
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
            }
            exchange.sendResponseHeaders(response.status(), head || bytes.length == 0 ? -1 : bytes.length);
            if (!head && bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests seen so far. */
    public List<Request> seen() {
        return seen;
    }

    /** The requests seen so far, as "METHOD /path?query". */
    public List<String> requests() {
        return seen.stream().map(r -> r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query())).toList();
    }

    /** The headers of each request seen so far (names case-insensitive). */
    public List<Map<String, List<String>>> requestHeaders() {
        return seen.stream().map(Request::headers).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
