package io.trays3.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of the policy and doctor commands: {@code --name=value} (or {@code --name value}) options, flags
 * ({@code --strict}), {@code -h}
 * / {@code --help}, {@code --} to end the options, and route files or folders (none: the route files the properties'
 * {@code camel.main.routes-include-pattern} names, as the application loads them).
 *
 * @param options    the options given, by name without dashes
 * @param flags      the flags given, by name without dashes
 * @param locations  the route files and folders; empty: those of Camel Main's route patterns
 * @param help       whether help was asked for
 */
record ToolArguments(Map<String, String> options, Set<String> flags, List<Path> locations, boolean help) {

    /** Bad arguments: the message says what is wrong. */
    static final class UsageException extends Exception {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses the arguments.
     *
     * @param  args           the arguments after the command's name
     * @param  allowedOptions the names of the options this command takes (each takes a value)
     * @param  allowedFlags   the names of the flags this command takes (no value)
     * @throws UsageException on an unknown option, a missing value or an empty route name
     */
    static ToolArguments parse(String[] args, Set<String> allowedOptions, Set<String> allowedFlags) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<Path> locations = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-")) {
                if (arg.isBlank()) {
                    throw new UsageException("an empty route file or folder name");
                }
                locations.add(Path.of(arg));
            } else if ("-h".equals(arg) || "--help".equals(arg)) {
                return new ToolArguments(options, flags, locations, true);
            } else if ("--".equals(arg)) {
                optionsEnded = true;
            } else {
                int equals = arg.indexOf('=');
                String name = arg.substring(2, equals < 0 ? arg.length() : equals);
                if (arg.startsWith("--") && equals < 0 && allowedFlags.contains(name)) {
                    flags.add(name);
                    continue;
                }
                if (!arg.startsWith("--") || !allowedOptions.contains(name)) {
                    throw new UsageException("unknown option '" + arg + "'");
                }
                String value = equals >= 0 ? arg.substring(equals + 1) : ++i < args.length ? args[i] : null;
                if (value == null || value.isBlank()) {
                    throw new UsageException("--" + name + " needs a value");
                }
                options.put(name, value);
            }
        }
        return new ToolArguments(options, flags, locations, false);
    }

    /** The properties file: the --properties option, else the application's. */
    Path properties() {
        return options.containsKey("properties") ? Path.of(options.get("properties")) : RouteScanner.DEFAULT_PROPERTIES;
    }

    /** A scanner for these routes; a --properties file that is named must exist. */
    RouteScanner scanner() {
        return new RouteScanner(locations, properties(), options.containsKey("properties"));
    }
}
