package io.trays3.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command dispatch of the app jar's main (running the application itself is ExampleRoutesTest). */
class Trays3CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void anUnknownCommandPrintsTheUsageOnStderrAndExitsWithTwo() {
        int status = run("frobnicate");

        assertThat(status).isEqualTo(2);
        assertThat(text(err)).startsWith("trays3: unknown command 'frobnicate'").contains("Usage: java -jar trays3-app.jar")
                .contains("run ");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void runTakesNoArguments() {
        int status = run("run", "--port=1");

        assertThat(status).isEqualTo(2);
        assertThat(text(err)).startsWith("trays3: 'run' takes no arguments").contains("Usage:");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void helpPrintsTheUsageOnStdout() {
        int status = run("--help");

        assertThat(status).isZero();
        assertThat(text(out)).startsWith("Usage: java -jar trays3-app.jar").contains("TRAYS3_EMBEDDED=false");
        assertThat(text(err)).isEmpty();
    }

    private int run(String... args) {
        return Trays3Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
