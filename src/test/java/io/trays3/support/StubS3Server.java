package io.trays3.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server that answers every request with one canned S3 answer, for edge cases a real server will not
 * produce on demand (AccessDenied, region redirects). It records the requests it saw.
 */
public final class StubS3Server implements AutoCloseable {

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

    private StubS3Server(HttpServer server) {
        this.server = server;
    }

    /** Answers every request with this status, these headers (name, value pairs) and this body. */
    public static StubS3Server answering(int status, String body, String... headers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        StubS3Server stub = new StubS3Server(server);
        server.createContext("/", exchange -> stub.answer(exchange, status, body, headers));
        server.start();
        return stub;
    }

    /** An S3 error document. */
    public static String errorXml(String code, String message, String requestId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
               + "</Message><RequestId>" + requestId + "</RequestId><HostId>stub</HostId></Error>";
    }

    private void answer(HttpExchange exchange, int status, String body, String[] headers) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        Map<String, List<String>> headersSeen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headersSeen.putAll(exchange.getRequestHeaders());
        requestHeaders.add(headersSeen);
        exchange.getRequestBody().readAllBytes();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests seen so far, as "METHOD /path?query". */
    public List<String> requests() {
        return requests;
    }

    /** The headers of each request seen so far (names case-insensitive). */
    public List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
