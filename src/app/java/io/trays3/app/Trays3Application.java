package io.trays3.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * The trays3 demo application: Camel Main with the example routes, on an embedded S3 server unless configured for AWS or
 * another S3-compatible endpoint.
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
        main.addMainListener(new ObservabilityListener());
        return main;
    }

    /** Runs the application until Camel Main stops; returns the exit status (0 done, 1 failed, 2 not runnable here). */
    public static int run(PrintStream err) {
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
    public static void useLogging(String configuration) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, configuration);
        }
    }
}
