package io.trays3.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.trays3.Trays3Component;
import io.trays3.Trays3Configuration;
import io.trays3.app.EmbeddedS3Listener;
import io.trays3.app.Trays3Application;
import io.trays3.client.Trays3Clients;
import org.apache.camel.main.Main;

/**
 * The {@code doctor} command: connects with the application's configured credentials and checks, for each bucket and
 * operation of the routes, whether it can work, without changing anything. Exit status 0 when every check passes, 1
 * when one fails (or a file cannot be read), 2 on bad arguments, 3 with {@code --strict} when every check passes but a
 * grant is wider than the routes name.
 */
public final class DoctorCommand {

    /** One line of usage. */
    public static final String USAGE = "usage: doctor [--properties=FILE] [--strict] [route files or folders...]";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** With --strict, when every check passed: some grants are wider than the routes name, so not all could be checked. */
    static final int EXIT_BROAD = 3;

    private DoctorCommand() {
    }

    /**
     * Runs the command.
     *
     * @param  args the arguments after the word {@code doctor}
     * @param  out  where the checks are printed
     * @param  err  where usage errors go
     * @return      the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(args, Set.of("properties"), Set.of("strict"));
        } catch (ToolArguments.UsageException e) {
            err.println("doctor: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (arguments.help()) {
            out.println(USAGE);
            out.println("Checks, without changing anything, that the configured credentials can run the routes'"
                        + " trays3 operations.");
            out.println("Without route files or folders it reads the routes the application loads"
                        + " (camel.main.routes-include-pattern).");
            out.println("  --strict  exit with 3 when every check passes but a grant is on a bucket only known at run time,");
            out.println("            or widened by a step the tools cannot see into (policy --strict refuses the same)");
            out.println("Exit status: 0 every check passed, 1 a check failed or a file cannot be read, 2 bad arguments,");
            out.println("3 wide grants with --strict.");
            return EXIT_OK;
        }
        ScanResult scan;
        try {
            scan = arguments.scanner().scan();
        } catch (RouteScanException e) {
            err.println("doctor: " + e.getMessage());
            return EXIT_FAILED;
        }
        scan.warnings().forEach(w -> out.println(Doctor.NOTE + " " + w));
        scan.aws2S3Uses().forEach(u -> out.println(Doctor.NOTE + " route '" + u.routeId() + "': " + u.describe()
                                                   + " is camel-aws2-s3: not checked"));
        int status = check(scan.uses(), arguments.properties(), out, err);
        PolicyGenerator generator = new PolicyGenerator();
        int broad = generator.broadGrants(scan.uses(), scan.widenings());
        if (status == EXIT_OK && arguments.flags().contains("strict") && broad > 0) {
            generator.warnings(scan.uses(), scan.widenings()).forEach(w -> out.println(Doctor.NOTE + " " + w));
            out.println("--strict: " + broad + " grant(s) wider than the routes name (a bucket only known at run time, or"
                        + " widened by a step the analysis cannot see into)");
            return EXIT_BROAD;
        }
        return status;
    }

    /**
     * Configures the trays3 component exactly as the application would (Camel Main with the same properties and the
     * embedded server when it is enabled), without loading or starting any route, then runs the checks.
     */
    private static int check(List<EndpointUse> uses, Path properties, PrintStream out, PrintStream err) {
        EmbeddedS3Listener embedded = new EmbeddedS3Listener();
        Main main = Trays3Application.newMain(embedded);
        main.setDefaultPropertyPlaceholderLocation("file:" + properties);
        // the checks need the component's configuration only: no route is loaded, nothing runs
        main.addOverrideProperty("camel.main.routes-collector-enabled", "false");
        try {
            main.start();
            Trays3Configuration configuration = main.getCamelContext().getComponent("trays3", Trays3Component.class)
                    .getConfiguration();
            out.println(Doctor.NOTE + " connecting to " + (configuration.hasEndpointOverride()
                    ? configuration.getEndpointOverride() : "AWS") + ", region " + configuration.getRegion());
            int failures;
            try (Trays3Clients clients = Trays3Clients.open(configuration)) {
                failures = new Doctor(clients.s3(), out).check(uses);
            }
            out.println(failures == 0 ? "All checks passed." : failures + " check(s) failed.");
            return failures == 0 ? EXIT_OK : EXIT_FAILED;
        } catch (RuntimeException e) {
            err.println("doctor: cannot connect as configured in " + properties + ": " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            main.stop();
            embedded.close();
        }
    }
}
