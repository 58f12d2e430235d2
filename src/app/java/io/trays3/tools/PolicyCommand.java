package io.trays3.tools;

import java.io.PrintStream;
import java.util.Set;

/**
 * The {@code policy} command: prints the least-privilege IAM policy for the trays3 endpoints of a set of routes.
 * Exit status 0 done, 1 when a route or properties file cannot be read, parsed or resolved (or holds no trays3
 * endpoint), 2 on bad arguments, 3 with {@code --strict} when a grant is wider than the routes name (printed all the
 * same).
 */
public final class PolicyCommand {

    /** One line of usage. */
    public static final String USAGE =
            "usage: policy [--format=json|yaml|terraform] [--properties=FILE] [--strict] [route files or folders...]";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** With --strict: a grant is on a bucket only known at run time, or widened by a step the analysis cannot see into. */
    static final int EXIT_BROAD = 3;

    private PolicyCommand() {
    }

    /**
     * Runs the command.
     *
     * @param  args the arguments after the word {@code policy}
     * @param  out  where the policy goes
     * @param  err  where warnings and errors go
     * @return      the exit status: 0 done, 1 failed, 2 usage error, 3 broad grants with --strict
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ToolArguments arguments;
        try {
            arguments = ToolArguments.parse(args, Set.of("format", "properties"), Set.of("strict"));
        } catch (ToolArguments.UsageException e) {
            return usage(err, e.getMessage());
        }
        if (arguments.help()) {
            help(out);
            return EXIT_OK;
        }
        PolicyFormat format = PolicyFormat.named(arguments.options().getOrDefault("format", "json"));
        if (format == null) {
            return usage(err, "unknown format '" + arguments.options().get("format") + "'; allowed: "
                              + PolicyFormat.names());
        }
        RouteScanner scanner = arguments.scanner();
        ScanResult scan;
        try {
            scan = scanner.scan();
        } catch (RouteScanException e) {
            err.println("policy: " + e.getMessage());
            return EXIT_FAILED;
        }

        PolicyGenerator generator = new PolicyGenerator();
        for (String warning : scan.warnings()) {
            err.println("warning: " + warning);
        }
        for (String warning : generator.warnings(scan.uses(), scan.widenings())) {
            err.println("warning: " + warning);
        }
        for (Aws2S3Use use : scan.aws2S3Uses()) {
            err.println("warning: route '" + use.routeId() + "' (" + use.source() + "): " + use.describe()
                        + " is a camel-aws2-s3 endpoint: its permissions are not in this policy");
        }
        if (scan.uses().isEmpty()) {
            err.println("policy: no trays3 endpoint in " + (scan.files().isEmpty() ? scan.routes() : scan.files())
                        + "; nothing to grant");
            return EXIT_FAILED;
        }
        out.print(format.render(generator.generate(scan.uses())));
        out.flush();
        int broad = generator.broadGrants(scan.uses(), scan.widenings());
        if (arguments.flags().contains("strict") && broad > 0) {
            err.println("policy: --strict: " + broad + " grant(s) wider than the routes name (a bucket only known at run"
                        + " time, or widened by a step the analysis cannot see into; see the warnings above)");
            return EXIT_BROAD;
        }
        return EXIT_OK;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("policy: " + problem);
        err.println(USAGE);
        return EXIT_USAGE;
    }

    private static void help(PrintStream out) {
        out.println(USAGE);
        out.println();
        out.println("Prints the least-privilege IAM policy for the trays3 endpoints of the routes, with property");
        out.println("placeholders resolved from --properties (default: application.properties). Without route files or");
        out.println("folders it reads what the application loads: the files camel.main.routes-include-pattern names");
        out.println("(less camel.main.routes-exclude-pattern); folders are read with their sub-folders (.yaml, .yml, .xml).");
        out.println("  --format=json       the IAM policy document (default)");
        out.println("  --format=yaml       the same document as YAML");
        out.println("  --format=terraform  a Terraform data \"aws_iam_policy_document\" \"trays3\" block");
        out.println("  --strict            exit with 3 (after printing the policy) when a grant is on a bucket only known");
        out.println("                      at run time, or widened by a step the tools cannot see into (a processor, a");
        out.println("                      bean, another component's endpoint)");
        out.println("Warnings (buckets only known at run time, grants widened by such steps and why, what the tools");
        out.println("cannot follow, camel-aws2-s3 endpoints, which are not covered) go to stderr. Exit status: 0 done,");
        out.println("1 a file cannot be read or holds no trays3 endpoint, 2 bad arguments, 3 wide grants with --strict.");
    }
}
