package io.trays3.operation;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.trays3.Trays3Component;
import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.Trays3ServiceException;
import io.trays3.model.ObjectContent;
import io.trays3.support.S3Target;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static io.trays3.support.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GetObjectProducerTest extends S3TestSupport {

    /** Exchanges per leak run: six times the SDK's default pool of 50 connections. */
    private static final int LEAK_RUN = 300;

    @TempDir
    Path tempDir;

    private final AtomicReference<Object> bodyAfterProducer = new AtomicReference<>();
    private final AtomicReference<Object> bodyInNextRoute = new AtomicReference<>();

    @Override
    protected RouteBuilder routes() {
        String get = "trays3:getObject?bucket=" + bucket;
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:text").to(get).convertBodyTo(String.class);
                from("direct:bytes").to(get).convertBodyTo(byte[].class);
                from("direct:file").to(get).convertBodyTo(File.class)
                        .process(e -> e.getMessage().setBody(Files.readAllBytes(e.getMessage().getBody(File.class).toPath())));
                from("direct:unread").to(get);
                from("direct:failing").errorHandler(noErrorHandler()).to(get)
                        .throwException(new IllegalStateException("the route fails after getObject"));
                from("direct:rangeFrom7").to(get + "&key=digits.txt&rangeFrom=7").convertBodyTo(String.class);
                from("direct:range2to5").to(get + "&key=digits.txt&rangeFrom=2&rangeTo=5").convertBodyTo(String.class);
                from("direct:inspect").to(get)
                        .process(e -> bodyAfterProducer.set(e.getMessage().getBody()))
                        .to("direct:next")
                        .convertBodyTo(String.class);
                from("direct:next").process(e -> bodyInNextRoute.set(e.getMessage().getBody()));
                from("direct:plainStream").to("direct:next");
                from("direct:toFile").to(get)
                        .setHeader(Exchange.FILE_NAME, constant("downloaded.bin"))
                        .to("file:" + tempDir);
            }
        };
    }

    private Object read(String route, String key) {
        return template.requestBodyAndHeader(route, null, Trays3Constants.KEY, key);
    }

    private Exchange send(String route, Map<String, Object> headers) {
        return template.request(route, e -> e.getMessage().setHeaders(new HashMap<>(headers)));
    }

    @Test
    void readsTheContentThroughARouteThatConvertsItToText() {
        putObject("docs/hello.txt", "Grüße aus S3");

        assertThat(read("direct:text", "docs/hello.txt")).isEqualTo("Grüße aus S3");
    }

    @Test
    void decodesTextWithTheCharsetOfTheContentType() {
        s3.putObject(p -> p.bucket(bucket).key("latin1.txt").contentType("text/plain; charset=ISO-8859-1"),
                RequestBody.fromBytes("Grüße, café".getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(read("direct:text", "latin1.txt")).isEqualTo("Grüße, café");
    }

    @Test
    void readsAnEmptyObject() {
        putObject("empty.txt", "");

        Exchange exchange = send("direct:text", Map.of(Trays3Constants.KEY, "empty.txt"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("");
        assertThat(exchange.getMessage().getHeader(Trays3Constants.CONTENT_LENGTH)).isEqualTo(0L);
    }

    @Test
    void bodyIsAnObjectContentThatStreamCachingLeavesAloneEvenAcrossRoutes() {
        assertThat(context.isStreamCaching()).as("Camel 4 stream caching is on by default").isTrue();
        putObject("cached.txt", "not cached");

        Object result = read("direct:inspect", "cached.txt");

        assertThat(bodyAfterProducer.get()).as("body right after the producer").isInstanceOf(ObjectContent.class);
        assertThat(bodyInNextRoute.get()).as("body on entering the next route (where stream caching applies)")
                .isInstanceOf(ObjectContent.class).isNotInstanceOf(StreamCache.class);
        assertThat(result).as("still readable after the route boundary").isEqualTo("not cached");
    }

    @Test
    void controlAPlainInputStreamIsCachedAtTheSameRouteBoundary() {
        // shows that stream caching is really active in these routes, so the test above could fail
        template.sendBody("direct:plainStream", new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));

        assertThat(bodyInNextRoute.get()).isInstanceOf(StreamCache.class);
    }

    @Test
    void setsTheObjectsMetadataAsHeaders() {
        s3.putObject(p -> p.bucket(bucket).key("data/report.csv").contentType("text/csv")
                .metadata(Map.of("owner", "team-a", "run", "42")), RequestBody.fromString("a,b\n1,2\n"));
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("data/report.csv"));
        Instant before = head.lastModified();

        Exchange exchange = send("direct:text", Map.of(Trays3Constants.KEY, "data/report.csv"));

        assertThat(exchange.getException()).isNull();
        var message = exchange.getMessage();
        assertThat(message.getBody()).isEqualTo("a,b\n1,2\n");
        assertThat(message.getHeader(Trays3Constants.CONTENT_TYPE)).isEqualTo("text/csv");
        assertThat(message.getHeader(Exchange.CONTENT_TYPE)).as("Camel's own Content-Type").isEqualTo("text/csv");
        assertThat(message.getHeader(Trays3Constants.CONTENT_LENGTH)).isEqualTo(8L);
        assertThat(message.getHeader(Trays3Constants.E_TAG)).isEqualTo(head.eTag());
        assertThat(message.getHeader(Trays3Constants.LAST_MODIFIED)).isInstanceOf(String.class);
        String lastModified = message.getHeader(Trays3Constants.LAST_MODIFIED, String.class);
        assertThat(lastModified).as("ISO-8601 UTC").endsWith("Z");
        assertThat(Instant.parse(lastModified)).isEqualTo(before);
        assertThat(message.getHeader(Trays3Constants.METADATA)).isEqualTo(Map.of("owner", "team-a", "run", "42"));
    }

    @Test
    void readsTheVersionAskedForAndSetsTheVersionIdHeader() {
        assumeTrue(target.supportsVersioning(), target.name() + " keeps no versions");
        String versioned = S3Target.createBucket(s3, true);
        try {
            String v1 = s3.putObject(p -> p.bucket(versioned).key("v.txt"), RequestBody.fromString("first")).versionId();
            String v2 = s3.putObject(p -> p.bucket(versioned).key("v.txt"), RequestBody.fromString("second")).versionId();
            assertThat(v1).as("versions kept by the server").isNotNull().isNotEqualTo(v2);

            Exchange latest = send("direct:text", Map.of(Trays3Constants.BUCKET, versioned, Trays3Constants.KEY, "v.txt"));
            Exchange old = send("direct:text", Map.of(Trays3Constants.BUCKET, versioned, Trays3Constants.KEY, "v.txt",
                    Trays3Constants.VERSION_ID, v1));

            assertThat(latest.getMessage().getBody()).isEqualTo("second");
            assertThat(latest.getMessage().getHeader(Trays3Constants.VERSION_ID)).isEqualTo(v2);
            assertThat(old.getMessage().getBody()).isEqualTo("first");
            assertThat(old.getMessage().getHeader(Trays3Constants.VERSION_ID)).isEqualTo(v1);
        } finally {
            S3Target.deleteBucket(s3, versioned);
        }
    }

    @Test
    void readsAnInclusiveRange() {
        putObject("digits.txt", "0123456789");

        Exchange exchange = send("direct:text", Map.of(Trays3Constants.KEY, "digits.txt",
                Trays3Constants.RANGE_FROM, 2L, Trays3Constants.RANGE_TO, 5L));

        assertThat(exchange.getMessage().getBody()).isEqualTo("2345");
        assertThat(exchange.getMessage().getHeader(Trays3Constants.CONTENT_LENGTH)).as("the range's length").isEqualTo(4L);
    }

    @Test
    void readsAnInclusiveRangeGivenAsUriOptions() {
        putObject("digits.txt", "0123456789");

        assertThat(template.requestBody("direct:range2to5", (Object) null)).isEqualTo("2345");
    }

    @Test
    void readsFromRangeFromToTheEnd() {
        putObject("digits.txt", "0123456789");

        Object body = template.requestBody("direct:rangeFrom7", (Object) null);

        assertThat(body).isEqualTo("789");
    }

    @Test
    void readsFromTheStartToRangeToWhenOnlyRangeToIsSet() {
        putObject("digits.txt", "0123456789");

        Exchange exchange = send("direct:text", Map.of(Trays3Constants.KEY, "digits.txt", Trays3Constants.RANGE_TO, 3L));

        assertThat(exchange.getMessage().getBody()).isEqualTo("0123");
    }

    @Test
    void refusesRangeToBeforeRangeFromBeforeAnyRequest() {
        // the key does not exist: a request would have failed with NoSuchKey instead
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:getObject?bucket=" + bucket + "&key=missing.txt&rangeFrom=10&rangeTo=3", null, Map.of());

        assertThat(e.getInput()).isEqualTo("option 'rangeTo'");
        assertThat(e.getValue()).isEqualTo("3");
        assertThat(e).hasMessageContaining("getObject").hasMessageContaining("rangeTo").hasMessageContaining("rangeFrom");
    }

    @Test
    void refusesANegativeRangeFrom() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class,
                "trays3:getObject?bucket=" + bucket + "&key=missing.txt", null, Map.of(Trays3Constants.RANGE_FROM, -1L));

        assertThat(e.getInput()).isEqualTo("header " + Trays3Constants.RANGE_FROM);
        assertThat(e).hasMessageContaining("getObject").hasMessageContaining("-1");
    }

    @Test
    void aRangeBeyondTheEndFailsWithTheServersInvalidRange() {
        putObject("digits.txt", "0123456789");

        Trays3ServiceException e = failure(Trays3ServiceException.class,
                "trays3:getObject?bucket=" + bucket + "&key=digits.txt&rangeFrom=100", null, Map.of());

        assertThat(e.getStatusCode()).isEqualTo(416);
        assertThat(e.getErrorCode()).isEqualTo("InvalidRange");
    }

    @Test
    void aMissingKeyFailsWithTheServiceExceptionCarryingCodeStatusBucketAndKey() {
        Trays3ServiceException e = failure(Trays3ServiceException.class,
                "trays3:getObject?bucket=" + bucket + "&key=nothing/here.txt", null, Map.of());

        assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getOperation()).isEqualTo("getObject");
        assertThat(e.getBucket()).isEqualTo(bucket);
        assertThat(e.getKey()).isEqualTo("nothing/here.txt");
        assertThat(e).hasMessageContaining(bucket + "/nothing/here.txt");
    }

    @Test
    void theFileProducerWritesTheContentUnchanged() throws IOException {
        byte[] content = random(3 * 1024 * 1024 + 17, 7);
        s3.putObject(p -> p.bucket(bucket).key("blob.bin"), RequestBody.fromBytes(content));

        Exchange exchange = send("direct:toFile", Map.of(Trays3Constants.KEY, "blob.bin"));

        assertThat(exchange.getException()).isNull();
        assertThat(Files.readAllBytes(tempDir.resolve("downloaded.bin"))).isEqualTo(content);
    }

    @Test
    void convertsToBytes() {
        byte[] content = random(100_000, 11);
        s3.putObject(p -> p.bucket(bucket).key("blob.bin"), RequestBody.fromBytes(content));

        assertThat(read("direct:bytes", "blob.bin")).isInstanceOf(byte[].class).isEqualTo(content);
    }

    @Test
    void convertsToAFile() {
        byte[] content = random(100_000, 13);
        s3.putObject(p -> p.bucket(bucket).key("blob.bin"), RequestBody.fromBytes(content));

        assertThat(read("direct:file", "blob.bin")).isEqualTo(content);
    }

    @Test
    void theContentIsClosedWhenTheExchangeCompletesEvenIfNobodyReadIt() {
        putObject("unread.txt", "never read");

        Object body = read("direct:unread", "unread.txt");

        assertThat(body).isInstanceOf(ObjectContent.class);
        assertThat(((ObjectContent) body).isClosed()).isTrue();
        assertThat(catchThrowable(((ObjectContent) body)::openStream)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed").hasMessageContaining("ProducerTemplate")
                .hasMessageContaining("convertBodyTo(String.class)");
    }

    @Test
    void leaksNoConnectionOverManyReadsThatConsumeTheBody() {
        putObject("leak/read.txt", "read me");

        List<Object> bodies = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> runMany("direct:text", "leak/read.txt"),
                "a leaked connection makes the 51st call wait 10 s for the pool, then fail");

        assertThat(bodies).hasSize(LEAK_RUN).containsOnly("read me");
    }

    @Test
    void leaksNoConnectionOverManyReadsThatNeverTouchTheBody() {
        putObject("leak/unread.txt", "do not read me");

        List<Object> bodies = assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> runMany("direct:unread", "leak/unread.txt"),
                "a leaked connection makes the 51st call wait 10 s for the pool, then fail");

        assertThat(bodies).hasSize(LEAK_RUN).allSatisfy(b -> assertThat(b).isInstanceOfSatisfying(ObjectContent.class,
                c -> assertThat(c.isClosed()).isTrue()));
    }

    @Test
    void leaksNoConnectionOverManyRoutesThatFailAfterGetObject() {
        putObject("leak/failing.txt", "the route fails");

        List<Object> bodies = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            List<Object> contents = new ArrayList<>();
            for (int i = 0; i < LEAK_RUN; i++) {
                Exchange exchange = send("direct:failing", Map.of(Trays3Constants.KEY, "leak/failing.txt"));
                assertThat(exchange.getException()).as("exchange %d of %d fails in the route, not for want of a connection",
                        i + 1, LEAK_RUN).isInstanceOf(IllegalStateException.class).hasMessage("the route fails after getObject");
                contents.add(exchange.getMessage().getBody());
            }
            return contents;
        }, "a leaked connection makes the 51st call wait 10 s for the pool, then fail");

        assertThat(bodies).hasSize(LEAK_RUN).allSatisfy(b -> assertThat(b).isInstanceOfSatisfying(ObjectContent.class,
                c -> assertThat(c.isClosed()).isTrue()));
    }

    private List<Object> runMany(String route, String key) {
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < LEAK_RUN; i++) {
            Exchange exchange = send(route, Map.of(Trays3Constants.KEY, key));
            assertThat(exchange.getException()).as("exchange %d of %d", i + 1, LEAK_RUN).isNull();
            bodies.add(exchange.getMessage().getBody());
        }
        return bodies;
    }

    @Test
    void anUnreadLargeObjectIsAbortedRatherThanDrained() throws Exception {
        int size = 32 * 1024 * 1024;
        s3.putObject(p -> p.bucket(bucket).key("large.bin"), RequestBody.fromBytes(random(size, 17)));

        try (CountingProxy proxy = new CountingProxy(target.endpoint())) {
            long transferred = bytesSentForOneGet(proxy, "direct:unread");
            assertThat(transferred).as("bytes the server sent for an unread %d-byte object", size).isLessThan(size / 2);

            long read = bytesSentForOneGet(proxy, "direct:bytes");
            assertThat(read).as("control: reading it sends it all").isGreaterThanOrEqualTo(size);
        }
    }

    /** Runs one getObject through a proxy, in a context of its own, and returns the bytes the server sent. */
    private long bytesSentForOneGet(CountingProxy proxy, String route) throws Exception {
        proxy.reset();
        CamelContext proxied = new DefaultCamelContext();
        try {
            Trays3Component component = new Trays3Component();
            target.configure(component.getConfiguration());
            component.getConfiguration().setEndpointOverride("http://127.0.0.1:" + proxy.port());
            proxied.addComponent("trays3", component);
            proxied.addRoutes(routes());
            proxied.start();
            ProducerTemplate proxiedTemplate = proxied.createProducerTemplate();
            proxiedTemplate.requestBodyAndHeader(route, null, Trays3Constants.KEY, "large.bin");
        } finally {
            proxied.stop();
        }
        return proxy.awaitQuiet();
    }

    /** A TCP proxy in front of the S3 server that counts the bytes the server sends to clients. */
    private static final class CountingProxy implements AutoCloseable {

        private final ServerSocket listener;
        private final URI server;
        private final AtomicLong fromServer = new AtomicLong();
        private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

        CountingProxy(URI server) throws IOException {
            this.server = server;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "counting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        void reset() {
            fromServer.set(0);
        }

        /** The count once no bytes have moved for half a second (at most 10 s). */
        long awaitQuiet() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() - lastActivity.get() < Duration.ofMillis(500).toNanos()
                   && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            return fromServer.get();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket(server.getHost(), server.getPort());
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream, null);
                    pump(upstream, client, fromServer);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, AtomicLong counter) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        lastActivity.set(System.nanoTime());
                        if (counter != null) {
                            counter.addAndGet(n);
                        }
                    }
                } catch (IOException e) {
                    // one side closed: close both
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "counting-proxy-pump");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (sockets) {
                sockets.forEach(CountingProxy::closeQuietly);
            }
        }
    }
}
