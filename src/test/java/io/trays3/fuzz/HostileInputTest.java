package io.trays3.fuzz;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import io.trays3.Trays3Exception;
import io.trays3.Trays3InvalidInputException;
import io.trays3.operation.Trays3Operation;
import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, generated: every operation driven through a Camel route against the stub S3 server over HTTP with
 * random URI options, header values of every Java type, bodies and keys ({@link HostileValues}). For each case
 * {@link ContractModel} says, from the values alone, whether the contract refuses it before sending; the run checks
 * exactly that: a refusal is a {@code Trays3InvalidInputException} naming the operation, with no request on the stub; an
 * accepted case succeeds and its requests name the bucket and key given; nothing else escapes (no
 * NullPointerException, ClassCastException, IllegalArgumentException), and no case takes more than 10 s.
 *
 * <p>10,000 cases a run by default, from a seed printed at the start: {@code -Dtrays3.fuzz.seed=N} runs the same cases
 * again, {@code -Dtrays3.fuzz.cases=N} sets how many, {@code -Dtrays3.fuzz.case=putObjectText:123} runs one.
 */
class HostileInputTest {

    private static final long SEED = Long.getLong("trays3.fuzz.seed", new Random().nextLong());
    private static final int CASES = Integer.getInteger("trays3.fuzz.cases", 10_000);
    private static final String ONLY = System.getProperty("trays3.fuzz.case");
    private static final long CASE_LIMIT_SECONDS = 10;
    private static final int FAILURES_SHOWN = 12;

    private static StubS3Server stub;
    private static CamelContext context;
    private static ProducerTemplate template;
    private static ExecutorService caller;
    private static Path existingFile;
    private static long started;
    private static int run;

    static {
        // the stub's answers arrive in two writes: without TCP_NODELAY each waits for a delayed ACK (about 40 ms); read
        // when the JDK's HTTP server is first used, so this helps when this class is the first of its JVM to start one
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @BeforeAll
    static void start(@TempDir Path directory) throws Exception {
        existingFile = Files.writeString(directory.resolve("upload.txt"), "file content");
        stub = StubS3Server.routing(SuccessStub.handler());
        context = Trays3Contexts.pointedAt(stub.endpoint(), configuration -> {
            Trays3Contexts.keys("AKIASTUB", "stub-secret").accept(configuration);
            // a signed URL then needs no request to find the bucket's region
            configuration.setRegion("us-east-1");
        });
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the outcome is the exchange's exception: no error handler to log each refusal
                errorHandler(noErrorHandler());
                from("direct:hostile").toD("${exchangeProperty.hostileUri}");
            }
        });
        template = context.createProducerTemplate();
        caller = Executors.newSingleThreadExecutor();
        started = System.nanoTime();
        System.out.println("[trays3] hostile input: seed " + SEED + ", " + CASES + " cases (run again with"
                           + " -Dtrays3.fuzz.seed=" + SEED + ")");
    }

    @AfterAll
    static void stop() {
        // the CPU time too: on a loaded machine the wall time says more about the neighbours than about the suite
        double cpu = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime() / 1e9;
        System.out.printf("[trays3] hostile input: %d cases in %.1f s (the test JVM has used %.1f s of CPU so far), seed"
                          + " %d%n", run, (System.nanoTime() - started) / 1e9, cpu, SEED);
        caller.shutdownNow();
        context.stop();
        stub.close();
    }

    @TestFactory
    Stream<DynamicTest> everyOperation() {
        return Stream.of(Trays3Operation.values()).map(operation -> DynamicTest.dynamicTest(operation.name(),
                () -> runCases(operation)));
    }

    /**
     * The cases of each operation: CASES in all, shared by weight; an operation without inputs (listBuckets) has little
     * to vary and gets a quarter share, the consumer (each case starts and removes a route) half a share.
     */
    private static int casesOf(Trays3Operation operation) {
        double total = Stream.of(Trays3Operation.values()).mapToDouble(HostileInputTest::weight).sum();
        return (int) Math.ceil(CASES * weight(operation) / total);
    }

    private static double weight(Trays3Operation operation) {
        return operation == Trays3Operation.newObjects ? 0.5 : operation.spec().inputs().isEmpty() ? 0.25 : 1;
    }

    private static void runCases(Trays3Operation operation) throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        long begin = System.nanoTime();
        int count = casesOf(operation);
        for (int index = 0; index < count; index++) {
            if (ONLY != null && !ONLY.equals(operation + ":" + index)) {
                continue;
            }
            HostileCase hostile = ContractModel.generate(operation, index, random(operation, index), existingFile);
            String problem = run(hostile);
            run++;
            outcomes.merge(hostile.expected.name(), 1, Integer::sum);
            if (problem != null) {
                failures.add(hostile + "\n    -> " + problem);
            }
        }
        System.out.printf("[trays3] hostile input: %-22s %5d cases in %5.1f s %s%n", operation, outcomes.values().stream()
                .mapToInt(Integer::intValue).sum(), (System.nanoTime() - begin) / 1e9, outcomes);
        assertThat(failures).as("cases of %s whose outcome breaks the contract (seed %d; %d of them, the first %d shown)",
                                 operation, SEED, failures.size(), FAILURES_SHOWN)
                .satisfies(f -> assertThat(f.subList(0, Math.min(FAILURES_SHOWN, f.size()))).isEmpty());
    }

    /** Each case's own generator, from the seed, the operation and the case number: one case can be run alone. */
    private static Random random(Trays3Operation operation, int index) {
        return new Random(SEED ^ (long) operation.ordinal() << 48 ^ index * 0x9E3779B97F4A7C15L);
    }

    /** Runs the case; null when its outcome is the expected one, else what went wrong. */
    private static String run(HostileCase hostile) throws Exception {
        int before = stub.seen().size();
        Future<Throwable> outcome = caller.submit(() -> hostile.operation == Trays3Operation.newObjects
                ? startConsumer(hostile) : send(hostile));
        Throwable failure;
        try {
            failure = outcome.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            caller.shutdownNow();
            caller = Executors.newSingleThreadExecutor();
            return "no outcome within " + CASE_LIMIT_SECONDS + " s";
        }
        List<StubS3Server.Request> sent = List.copyOf(stub.seen().subList(before, stub.seen().size()));
        return judge(hostile, failure, sent);
    }

    private static Throwable send(HostileCase hostile) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty("hostileUri", hostile.uri());
        exchange.getMessage().setHeaders(new java.util.HashMap<>(hostile.headers));
        exchange.getMessage().setBody(hostile.body);
        return template.send("direct:hostile", exchange).getException();
    }

    private static Throwable startConsumer(HostileCase hostile) {
        String routeId = "hostile-consumer-" + hostile.index;
        Throwable failure = null;
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(hostile.uri()).routeId(routeId).stop();
                }
            });
        } catch (Exception e) {
            failure = e;
        }
        try {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        } catch (Exception e) {
            // a route that failed to be created is not there to remove
        }
        return failure;
    }

    private static String judge(HostileCase hostile, Throwable failure, List<StubS3Server.Request> sent) {
        String operation = "trays3 " + hostile.operation;
        String got = failure == null ? "a success" : failure.getClass().getName() + ": " + failure.getMessage();
        Throwable trays3 = find(failure, Trays3Exception.class);
        switch (hostile.expected) {
            case REFUSED -> {
                if (!(trays3 instanceof Trays3InvalidInputException) || !trays3.getMessage().contains(operation)) {
                    return "expected a Trays3InvalidInputException naming the operation, got " + got;
                }
            }
            case FAILS -> {
                if (trays3 == null || trays3 instanceof Trays3InvalidInputException
                    || !trays3.getMessage().contains(operation)) {
                    return "expected a Trays3Exception (not bad input) naming the operation, got " + got;
                }
            }
            case ENDPOINT_REFUSED -> {
                if (find(failure, ResolveEndpointFailedException.class) == null) {
                    return "expected Camel to refuse the endpoint URI, got " + got;
                }
                return sent.isEmpty() ? null : "Camel refused the endpoint, yet " + sent.size() + " requests were sent";
            }
            default -> {
                if (failure != null) {
                    return "expected a success, got " + got;
                }
                if (hostile.sendsNothing != sent.isEmpty()) {
                    return "expected " + (hostile.sendsNothing ? "no request" : "requests") + ", the stub saw "
                           + sent.size();
                }
                return wrongPath(hostile, sent);
            }
        }
        if (!sent.isEmpty()) {
            return "refused as it must be, but only after " + sent.size() + " requests: " + sent.get(0).method() + " "
                   + sent.get(0).path();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NullPointerException || t instanceof ClassCastException
                || t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
                return "the Trays3Exception hides a " + t.getClass().getName() + ": " + got;
            }
        }
        return null;
    }

    /** A request whose path does not name the bucket and one of the keys given: the key was changed on the way. */
    private static String wrongPath(HostileCase hostile, List<StubS3Server.Request> sent) {
        if (hostile.wireBucket == null) {
            return null;
        }
        for (StubS3Server.Request request : sent) {
            String path = decode(request.path());
            boolean named = hostile.wireKeys.isEmpty() ? path.equals("/" + hostile.wireBucket)
                    : hostile.wireKeys.stream().anyMatch(key -> path.equals("/" + hostile.wireBucket + "/" + key));
            if (!named) {
                return "a request's path names another bucket or key: " + HostileCase.escape(path) + ", given "
                       + HostileCase.escape(hostile.wireBucket + " " + hostile.wireKeys);
            }
        }
        return null;
    }

    private static String decode(String rawPath) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && i + 2 < rawPath.length()) {
                bytes.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
