package io.trays3.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP fault proxy on loopback, between trays3 and the in-JVM S3 server. Each client connection carries one
 * request (the proxy asks the server to close after answering, so the client does not reuse it); the first matching
 * rule decides what happens to it: pass through, or one of the {@link Fault faults}. Threads are named
 * {@code fault-proxy-*}, so leak checks can leave them out.
 */
public final class FaultProxy implements AutoCloseable {

    /** Thread name prefix of the proxy's own threads. */
    public static final String THREAD_PREFIX = "fault-proxy-";
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    /** What the proxy does to a request. */
    public enum Kind {
        /** Resets the connection (RST) after {@code bytes} bytes of the request body. */
        RESET_REQUEST,
        /** Reads {@code bytes} bytes of the request body, then stops reading and never answers. */
        STOP_READING,
        /** Reads the request, never answers. */
        NO_ANSWER,
        /** Waits {@code millis} before passing the answer on. */
        LATENCY,
        /** Answers itself with HTTP {@code status} and the S3 error {@code code}, without asking the server. */
        ERROR,
        /** Passes {@code bytes} bytes of the answer's body on, then resets the connection. */
        RESET_RESPONSE,
        /** Passes {@code bytes} bytes of the answer's body on, then closes the connection (a body cut short). */
        CUT_RESPONSE,
        /** Flips the bits of the answer's body byte at offset {@code bytes}. */
        FLIP_BYTE,
        /**
         * Flips the bits of the request's body byte at offset {@code bytes}, counted from the end when negative (as sent:
         * aws-chunked framing included).
         */
        FLIP_REQUEST_BYTE,
        /**
         * Passes the answer's body on at most {@code bytes} bytes per second on this connection: a server (or a network
         * path) whose throughput is limited per connection, as many are, while more connections each get as much.
         */
        THROTTLE
    }

    /** A fault and its parameters. */
    public record Fault(Kind kind, long bytes, long millis, int status, String code) {

        public static Fault resetRequest(long afterBytes) {
            return new Fault(Kind.RESET_REQUEST, afterBytes, 0, 0, null);
        }

        public static Fault stopReading(long afterBytes) {
            return new Fault(Kind.STOP_READING, afterBytes, 0, 0, null);
        }

        public static Fault noAnswer() {
            return new Fault(Kind.NO_ANSWER, 0, 0, 0, null);
        }

        public static Fault latency(long millis) {
            return new Fault(Kind.LATENCY, 0, millis, 0, null);
        }

        public static Fault error(int status, String code) {
            return new Fault(Kind.ERROR, 0, 0, status, code);
        }

        public static Fault resetResponse(long afterBodyBytes) {
            return new Fault(Kind.RESET_RESPONSE, afterBodyBytes, 0, 0, null);
        }

        public static Fault cutResponse(long afterBodyBytes) {
            return new Fault(Kind.CUT_RESPONSE, afterBodyBytes, 0, 0, null);
        }

        public static Fault flipByte(long bodyOffset) {
            return new Fault(Kind.FLIP_BYTE, bodyOffset, 0, 0, null);
        }

        public static Fault flipRequestByte(long bodyOffset) {
            return new Fault(Kind.FLIP_REQUEST_BYTE, bodyOffset, 0, 0, null);
        }

        public static Fault throttle(long bytesPerSecond) {
            return new Fault(Kind.THROTTLE, bytesPerSecond, 0, 0, null);
        }
    }

    /** The head of a request as the proxy saw it; header names in lower case. */
    public record Request(String method, String target, long contentLength, Map<String, String> headers) {

        /** Its Range header, null when it has none. */
        public String range() {
            return headers.get("range");
        }

        /** Whether the request is for a path that contains {@code text}, or has it in its query. */
        public boolean targets(String text) {
            return target.contains(text);
        }

        /** The header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Rule(Predicate<Request> match, Fault fault, AtomicInteger remaining) {
    }

    private final URI upstream;
    private final ServerSocket server;
    private final String scheme;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<Request, byte[]> bodyEnds = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    private volatile boolean closed;

    private FaultProxy(URI upstream, ServerSocket server, String scheme) throws IOException {
        this.upstream = upstream;
        this.server = server;
        this.scheme = scheme;
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, THREAD_PREFIX + "accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the server at {@code upstream}, passing everything through until told otherwise. */
    public static FaultProxy start(URI upstream) throws IOException {
        return new FaultProxy(upstream, new ServerSocket(), "http");
    }

    /**
     * A proxy that clients reach over HTTPS (with the certificate of {@code tls}) and that passes their requests on to
     * the server at {@code upstream} over plain HTTP: what a client does over TLS, with faults it cannot see.
     */
    public static FaultProxy startTls(URI upstream, SSLContext tls) throws IOException {
        return new FaultProxy(upstream, tls.getServerSocketFactory().createServerSocket(), "https");
    }

    /** The proxy's address, to use as endpointOverride. */
    public URI endpoint() {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
    }

    /** Applies {@code fault} to the next {@code times} requests that match ({@code Integer.MAX_VALUE}: all). */
    public FaultProxy inject(Predicate<Request> match, Fault fault, int times) {
        rules.add(new Rule(match, fault, new AtomicInteger(times)));
        return this;
    }

    /** Applies {@code fault} to the next {@code times} requests. */
    public FaultProxy inject(Fault fault, int times) {
        return inject(r -> true, fault, times);
    }

    /** Forgets every rule: what comes next passes through. */
    public void clear() {
        rules.clear();
    }

    /** Every request seen, as {@code METHOD target -> what happened}. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Every request seen, with its headers. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The last bytes (up to 1 KiB) of the request's body as the server got them: where aws-chunked puts its trailer. */
    public String bodyEnd(Request request) {
        return new String(bodyEnds.getOrDefault(request, new byte[0]), StandardCharsets.ISO_8859_1);
    }

    /** How many requests got a fault. */
    public int faulted() {
        return faulted.get();
    }

    /** Connections open right now (client side). */
    public int openConnections() {
        return open.size();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread handler = new Thread(() -> handle(client), THREAD_PREFIX + threads.incrementAndGet());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private Fault faultFor(Request request) {
        for (Rule rule : rules) {
            if (rule.match().test(request) && rule.remaining().getAndUpdate(n -> n == Integer.MAX_VALUE ? n : n - 1) > 0) {
                faulted.incrementAndGet();
                return rule.fault();
            }
        }
        return null;
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(120_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            List<String> lines = new ArrayList<>(List.of(new String(head, StandardCharsets.ISO_8859_1).split("\r\n")));
            String[] requestLine = lines.get(0).split(" ");
            long length = 0;
            boolean expectContinue = false;
            List<String> forwarded = new ArrayList<>();
            Map<String, String> headers = new LinkedHashMap<>();
            forwarded.add(lines.get(0));
            for (String line : lines.subList(1, lines.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).trim();
                headers.put(name, value);
                switch (name) {
                    case "content-length" -> {
                        length = Long.parseLong(value);
                        forwarded.add(line);
                    }
                    case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                    case "connection" -> { }
                    default -> forwarded.add(line);
                }
            }
            forwarded.add("Connection: close");
            Request request = new Request(requestLine[0], requestLine[1], length, Map.copyOf(headers));
            requests.add(request);
            Fault fault = faultFor(request);
            log.add(request.method() + " " + request.target() + (request.range() == null ? "" : " " + request.range()) + " -> "
                    + (fault == null ? "through" : fault.kind()));
            if (fault != null && fault.kind() == Kind.ERROR) {
                if (!expectContinue) {
                    in.skipNBytes(length);
                }
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + fault.code() + "</Code><Message>"
                               + "injected by the fault proxy</Message><RequestId>FAULT" + faulted.get()
                               + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
                boolean head0 = "HEAD".equals(request.method());
                out.write(("HTTP/1.1 " + fault.status() + " Injected\r\nContent-Type: application/xml\r\nContent-Length: "
                           + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (!head0) {
                    out.write(body);
                }
                out.flush();
                return;
            }
            if (expectContinue) {
                out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            if (fault != null && fault.kind() == Kind.RESET_REQUEST) {
                in.skipNBytes(Math.min(length, fault.bytes()));
                reset(client);
                return;
            }
            if (fault != null && fault.kind() == Kind.STOP_READING) {
                in.skipNBytes(Math.min(length, fault.bytes()));
                hold();
                return;
            }
            if (fault != null && fault.kind() == Kind.NO_ANSWER) {
                in.skipNBytes(length);
                hold();
                return;
            }
            try (Socket server = new Socket(upstream.getHost(), upstream.getPort())) {
                server.setSoTimeout(120_000);
                OutputStream toServer = server.getOutputStream();
                toServer.write((String.join("\r\n", forwarded) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                long flipAt = fault == null || fault.kind() != Kind.FLIP_REQUEST_BYTE ? -1
                        : fault.bytes() >= 0 ? fault.bytes() : length + fault.bytes();
                bodyEnds.put(request, copy(in, toServer, length, flipAt));
                try {
                    toServer.flush();
                } catch (IOException e) {
                    // the server stopped reading the body: its answer says why
                }
                InputStream fromServer = server.getInputStream();
                byte[] responseHead = readHead(fromServer);
                if (responseHead == null) {
                    return;
                }
                if (fault != null && fault.kind() == Kind.LATENCY) {
                    Thread.sleep(fault.millis());
                }
                out.write(responseHead);
                relayBody(fromServer, out, client, fault);
                out.flush();
            }
        } catch (IOException e) {
            // the client or the server went away: nothing to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
        }
    }

    private void relayBody(InputStream from, OutputStream to, Socket client, Fault fault) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        long start = System.nanoTime();
        for (int n; (n = from.read(buffer)) > 0; offset += n) {
            if (fault != null && fault.kind() == Kind.THROTTLE) {
                // ahead of the allowed rate: wait until the bytes sent so far are due
                long dueNanos = offset * 1_000_000_000L / fault.bytes() - (System.nanoTime() - start);
                if (dueNanos > 0) {
                    sleepNanos(dueNanos);
                }
            }
            if (fault != null) {
                long limit = fault.bytes() - offset;
                switch (fault.kind()) {
                    case CUT_RESPONSE, RESET_RESPONSE -> {
                        if (limit < n) {
                            to.write(buffer, 0, (int) Math.max(0, limit));
                            to.flush();
                            if (fault.kind() == Kind.RESET_RESPONSE) {
                                reset(client);
                            }
                            return;
                        }
                    }
                    case FLIP_BYTE -> {
                        if (limit >= 0 && limit < n) {
                            buffer[(int) limit] ^= (byte) 0xFF;
                        }
                    }
                    default -> { }
                }
            }
            to.write(buffer, 0, n);
        }
    }

    private static void sleepNanos(long nanos) throws IOException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void hold() throws InterruptedException {
        while (!closed) {
            Thread.sleep(50);
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /**
     * Copies {@code length} bytes, flipping the bits of the byte at {@code flipAt} (none when negative); returns the last
     * KiB copied. A server that answers before it read the whole body (a refusal) gets no more of it, and the rest is
     * read from the client and dropped, so that the client reads the answer rather than a broken connection.
     */
    private static byte[] copy(InputStream in, OutputStream out, long length, long flipAt) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] end = new byte[(int) Math.min(1024, length)];
        boolean serverReads = true;
        for (long offset = 0; offset < length; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - offset));
            if (n < 0) {
                throw new IOException("request body ended early");
            }
            if (flipAt >= offset && flipAt < offset + n) {
                buffer[(int) (flipAt - offset)] ^= (byte) 0xFF;
            }
            if (serverReads) {
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    serverReads = false;
                }
            }
            for (int i = (int) Math.max(0, length - end.length - offset); i < n; i++) {
                end[(int) (offset + i - (length - end.length))] = buffer[i];
            }
            offset += n;
        }
        return end;
    }

    /** The bytes up to and including the blank line that ends an HTTP head, or null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < HEAD_END.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : b == HEAD_END[0] ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
