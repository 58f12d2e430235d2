package io.trays3.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.trays3.tools.DoctorCommand;
import io.trays3.tools.PolicyCommand;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * The trays3 command line: {@code run} (the default) starts the Camel Main application with the example routes, on an
 * embedded S3 server unless configured for AWS or another S3-compatible endpoint.
 */
public final class Trays3Application {

    /** Where Camel Main reads its configuration: the working folder, so the routes folder sits next to it. */
    public static final String PROPERTIES_LOCATION = "file:application.properties";
    /** The application's logging configuration, used unless {@code -Dlogback.configurationFile} names another. */
    public static final String LOGBACK_CONFIG = "io/trays3/app/logback-app.xml";
    /** The tools' logging configuration: warnings on stderr, so stdout is exactly their output. */
    public static final String LOGBACK_CLI_CONFIG = "io/trays3/app/logback-cli.xml";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final String LOGBACK_PROPERTY = "logback.configurationFile";
    private static final String LOCATION_PROPERTY = "camel.main.property-placeholder-location";
    private static final String LOCATION_ENV = "CAMEL_MAIN_PROPERTY_PLACEHOLDER_LOCATION";

    private Trays3Application() {
    }

    /** Runs a command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command.
     *
     * @param  args the command and its arguments; none means {@code run}
     * @param  out  where commands print their results
     * @param  err  where usage errors go
     * @return      the exit status: 0 done, 1 failed, 2 usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run":
                if (args.length > 1) {
                    return usage(err, "'run' takes no arguments (configure it in application.properties)");
                }
                return runApplication(err);
            case "policy":
                useLogging(LOGBACK_CLI_CONFIG);
                return PolicyCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            case "doctor":
                useLogging(LOGBACK_CLI_CONFIG);
                return DoctorCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            case "help":
            case "-h":
            case "--help":
                printUsage(out);
                return EXIT_OK;
            default:
                return usage(err, "unknown command '" + command + "'");
        }
    }

    /**
     * The application's Camel Main: configuration from {@code file:application.properties} (which includes the routes
     * from {@code routes/}) and the listener that starts the embedded S3 server before the routes are built.
     */
    public static Main newMain(EmbeddedS3Listener embeddedS3) {
        Main main = new Main();
        main.setAppName("trays3");
        // the default location, so camel.main.property-placeholder-location (or its environment variable) can replace it
        main.setDefaultPropertyPlaceholderLocation(PROPERTIES_LOCATION);
        main.addMainListener(embeddedS3);
        return main;
    }

    private static int runApplication(PrintStream err) {
        if (System.getProperty(LOCATION_PROPERTY) == null && System.getenv(LOCATION_ENV) == null
            && !Files.isRegularFile(Path.of("application.properties"))) {
            err.println("trays3: no application.properties in " + Path.of("").toAbsolutePath()
                        + "; run from the folder that holds application.properties and routes/");
            return EXIT_USAGE;
        }
        useLogging(LOGBACK_CONFIG);
        EmbeddedS3Listener embeddedS3 = new EmbeddedS3Listener();
        Main main = newMain(embeddedS3);
        try {
            main.run();
            // Main sets a positive exit code when it ends abnormally (for example camel.main.duration-hit-exit-code)
            return Math.max(main.getExitCode(), EXIT_OK);
        } catch (Exception e) {
            LoggerFactory.getLogger(Trays3Application.class).error("trays3 failed to start: {}", e.getMessage(), e);
            return EXIT_FAILED;
        } finally {
            embeddedS3.close();
        }
    }

    /** Chooses the logging configuration unless -Dlogback.configurationFile names one; before the first logger. */
    private static void useLogging(String configuration) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, configuration);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("trays3: " + problem);
        printUsage(err);
        return EXIT_USAGE;
    }

    private static void printUsage(PrintStream stream) {
        stream.println("Usage: java -jar trays3-app.jar [command]");
        stream.println();
        stream.println("Commands:");
        stream.println("  run    start the example routes (the default); configuration in ./application.properties,");
        stream.println("         routes in ./routes/. Without an AWS account it runs on an embedded S3 server;");
        stream.println("         TRAYS3_EMBEDDED=false with TRAYS3_ENDPOINT, TRAYS3_REGION, TRAYS3_ACCESS_KEY and");
        stream.println("         TRAYS3_SECRET_KEY switch it to AWS or another S3-compatible server.");
        stream.println("  policy [--format=json|yaml|terraform] [--properties=FILE] [routes...]");
        stream.println("         print the least-privilege IAM policy for the trays3 endpoints of the routes");
        stream.println("  doctor [--properties=FILE] [routes...]");
        stream.println("         check, without changing anything, that the configured credentials can run the routes");
        stream.println("  help   print this message");
    }
}
