package io.trays3.cli;

import java.io.PrintStream;
import java.util.Arrays;

import io.trays3.app.Trays3Application;
import io.trays3.tools.DoctorCommand;
import io.trays3.tools.PolicyCommand;

/**
 * The main class of {@code trays3-app.jar}: {@code run} (the default) starts the application, {@code policy} and
 * {@code doctor} run the tools. It sits above both, so the application and the tools do not import each other.
 */
public final class Trays3Cli {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;

    private Trays3Cli() {
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
                return Trays3Application.run(err);
            case "policy":
                Trays3Application.useLogging(Trays3Application.LOGBACK_CLI_CONFIG);
                return PolicyCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            case "doctor":
                Trays3Application.useLogging(Trays3Application.LOGBACK_CLI_CONFIG);
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
        stream.println("  policy [--format=json|yaml|terraform] [--properties=FILE] [--strict] [routes...]");
        stream.println("         print the least-privilege IAM policy for the trays3 endpoints of the routes (default:");
        stream.println("         those camel.main.routes-include-pattern names)");
        stream.println("  doctor [--properties=FILE] [--strict] [routes...]");
        stream.println("         check, without changing anything, that the configured credentials can run the routes");
        stream.println("  help   print this message");
    }
}
