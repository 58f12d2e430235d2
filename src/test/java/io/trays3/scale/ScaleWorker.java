package io.trays3.scale;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.trays3.Trays3Component;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.slf4j.LoggerFactory;

/**
 * One instance of the scale-out run, in a JVM of its own: a Camel context with a {@code trays3:newObjects} route whose
 * repositories are camel-sql's JDBC ones on the shared PostgreSQL. Each exchange waits the simulated work time, then
 * appends {@code instance,key} to the instance's file (flushed per line). Prints {@code READY} once the context runs
 * with the route stopped, and starts the route when a line arrives on standard input.
 *
 * <p>Usage: {@code ScaleWorker <instance> <s3-endpoint> <jdbc-url> <bucket> <prefix> <work-ms> <lock-max-age-ms> <out>
 * <claims> [<notifications>]}, claims being {@code camel} (camel-sql's {@code JdbcOrphanLockAwareIdempotentRepository}),
 * {@code atomic} ({@link AtomicTakeoverRepository}) or {@code none} (no {@code inProgressRepository}: the claims go to
 * #done); with a notifications endpoint URI (a {@code kafka:} consumer group) the consumer runs in event mode.
 */
public final class ScaleWorker {

    private ScaleWorker() {
    }

    public static void main(String[] args) throws Exception {
        String instance = args[0];
        URI endpoint = URI.create(args[1]);
        String jdbcUrl = args[2];
        String bucket = args[3];
        String prefix = args[4];
        long workMillis = Long.parseLong(args[5]);
        long lockMaxAgeMillis = Long.parseLong(args[6]);
        Path out = Path.of(args[7]);
        String claimsKind = args[8];
        String notifications = args.length > 9 ? args[9] : null;

        if (notifications != null) {
            // one line per notification of an object done or claimed already (a redelivery), counted by the harness
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.trays3.operation.ObjectHandover"))
                    .setLevel(Level.TRACE);
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(4);
        HikariDataSource database = new HikariDataSource(pool);

        CamelContext context = new DefaultCamelContext();
        Trays3Component trays3 = new Trays3Component();
        trays3.getConfiguration().setEndpointOverride(endpoint.toString());
        trays3.getConfiguration().setForcePathStyle(true);
        trays3.getConfiguration().setRegion("us-east-1");
        trays3.getConfiguration().setAccessKey(ScaleOut.ACCESS_KEY);
        trays3.getConfiguration().setSecretKey(ScaleOut.SECRET_KEY);
        context.addComponent("trays3", trays3);

        JdbcOrphanLockAwareIdempotentRepository claims = "atomic".equals(claimsKind)
                ? new AtomicTakeoverRepository(database, "scale-claims", context)
                : new JdbcOrphanLockAwareIdempotentRepository(database, "scale-claims", context);
        claims.setLockMaxAgeMillis(lockMaxAgeMillis);
        claims.setLockKeepAliveIntervalMillis(Math.max(100, lockMaxAgeMillis / 4));
        claims.setCreateTableIfNotExists(false);
        JdbcMessageIdRepository done = new JdbcMessageIdRepository(database, "scale-done");
        done.setCreateTableIfNotExists(false);
        context.getRegistry().bind("done", done);
        context.getRegistry().bind("claims", claims);

        PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), false);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=" + bucket + "&prefix=" + prefix + "&idempotentRepository=#done"
                     + ("none".equals(claimsKind) ? "" : "&inProgressRepository=#claims")
                     + (notifications == null ? "&delay=200&initialDelay=0" : "&notifications=RAW(" + notifications + ")"))
                        .routeId("scale").autoStartup(false)
                        .process(exchange -> {
                            if (workMillis > 0) {
                                Thread.sleep(workMillis);
                            }
                            String key = exchange.getMessage().getHeader("CamelTrays3Key", String.class);
                            synchronized (lines) {
                                lines.println(instance + "," + key);
                                lines.flush();
                            }
                        });
            }
        });
        context.start();
        System.out.println("READY " + instance);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        context.getRouteController().startRoute("scale");
        Thread.currentThread().join();
    }
}
