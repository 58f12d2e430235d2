package io.trays3.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trays3.SecretMasking;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded S3 server before Camel Main builds the routes, creates the demo buckets in it and points the trays3
 * component at it through override properties, so the routes are the same as against AWS. The server stops with the
 * CamelContext (and at the latest when Main stops).
 */
public final class EmbeddedS3Listener extends MainListenerSupport implements AutoCloseable {

    /** Whether to start the embedded server (default true). */
    public static final String ENABLED = "trays3.embedded.enabled";
    /** Address the server listens on. */
    public static final String HOST = "trays3.embedded.host";
    /** Port of the server, 0 for any free one. */
    public static final String PORT = "trays3.embedded.port";
    /** Folder of the filesystem store. */
    public static final String DATA_DIR = "trays3.embedded.data-dir";
    /** Access key the server accepts. */
    public static final String ACCESS_KEY = "trays3.embedded.access-key";
    /** Secret key the server accepts; when it is not set, a random one for each run. */
    public static final String SECRET_KEY = "trays3.embedded.secret-key";
    /** File the server's keys and endpoint are written to (owner only), for other S3 clients. */
    public static final String CREDENTIALS_FILE = "trays3.embedded.credentials-file";
    /** Region the clients sign for. */
    public static final String REGION = "trays3.embedded.region";
    /** The properties naming the buckets the example routes need. */
    public static final List<String> BUCKET_PROPERTIES = List.of("demo.reports-bucket", "demo.archive-bucket",
            "demo.scratch-bucket", "demo.incoming-bucket");

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Listener.class);
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final String DEFAULT_PORT = "9000";
    private static final String DEFAULT_DATA_DIR = "target/trays3-data";
    private static final String DEFAULT_REGION = "us-east-1";
    private static final String DEFAULT_CREDENTIALS_FILE = "target/trays3-embedded-s3.env";

    private volatile EmbeddedS3Server server;
    private volatile EmbeddedS3Credentials credentials;
    private volatile Path credentialsFile;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!enabled(properties)) {
            String endpoint = property(properties, "camel.component.trays3.endpoint-override", "");
            LOG.info("Embedded S3 server disabled: trays3 uses {} (region {})",
                     endpoint.isEmpty() ? "AWS" : endpoint, property(properties, "camel.component.trays3.region", "auto"));
            return;
        }
        String host = property(properties, HOST, DEFAULT_HOST);
        String port = property(properties, PORT, DEFAULT_PORT);
        Path dataDir = Path.of(property(properties, DATA_DIR, DEFAULT_DATA_DIR));
        EmbeddedS3Credentials keys = EmbeddedS3Credentials.of(required(properties, ACCESS_KEY),
                                                              property(properties, SECRET_KEY, null));
        String region = property(properties, REGION, DEFAULT_REGION);
        warnUnlessLoopback(host);
        try {
            server = EmbeddedS3Server.start(host, Integer.parseInt(port), dataDir, keys.accessKey(), keys.secretKey());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Property " + PORT + " value '" + port + "' is not a port number"
                                               + " (0 for any free port)", e);
        } catch (Exception e) {
            throw new RuntimeCamelException("Could not start the embedded S3 server on " + host + ":" + port + " with data in "
                                            + dataDir.toAbsolutePath() + ": " + e.getMessage() + ". Set "
                                            + "TRAYS3_EMBEDDED_PORT (0 = any free port), or TRAYS3_EMBEDDED=false to use AWS",
                                            e);
        }
        credentials = keys;
        Path file = Path.of(property(properties, CREDENTIALS_FILE, DEFAULT_CREDENTIALS_FILE));
        // from here on the server stops with the CamelContext, even if Main is never run
        try {
            context.addService(new StopServer(), true, false);
            createBuckets(properties);
            keys.write(file, server.endpoint(), region);
            credentialsFile = file;
        } catch (Exception e) {
            close();
            throw RuntimeCamelException.wrapRuntimeCamelException(e);
        }
        String uri = server.endpoint().toString();
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camel.component.trays3.endpoint-override", uri);
        overrides.put("camel.component.trays3.force-path-style", "true");
        overrides.put("camel.component.trays3.region", region);
        overrides.put("camel.component.trays3.access-key", keys.accessKey());
        overrides.put("camel.component.trays3.secret-key", keys.secretKey());
        overrides.forEach(properties::addOverrideProperty);
        LOG.info("trays3 points at the embedded S3 server {} (data in {})", uri, dataDir.toAbsolutePath());
        LOG.info("Embedded S3 server keys: {} ({}); for other S3 clients in {} (readable by its owner only)",
                 SecretMasking.mask("accessKey=" + keys.accessKey() + "&secretKey=" + keys.secretKey()),
                 keys.random() ? "secret random for this run" : "secret as configured", file.toAbsolutePath());
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        close();
    }

    /** The embedded server's URI while it runs; empty when it is disabled, not started yet, or stopped. */
    public Optional<URI> endpoint() {
        EmbeddedS3Server current = server;
        return current == null ? Optional.empty() : Optional.of(current.endpoint());
    }

    /** The embedded server's keys while it runs; empty when it is disabled, not started yet, or stopped. */
    public Optional<EmbeddedS3Credentials> credentials() {
        return server == null ? Optional.empty() : Optional.ofNullable(credentials);
    }

    /** Stops the embedded server if it runs, and deletes its credentials file; safe to call more than once. */
    @Override
    public void close() {
        EmbeddedS3Server current;
        Path file;
        synchronized (this) {
            current = server;
            server = null;
            credentials = null;
            file = credentialsFile;
            credentialsFile = null;
        }
        if (file != null) {
            // its keys die with the server
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete the embedded S3 server's credentials file {}: {}", file, e.getMessage());
            }
        }
        if (current != null) {
            try {
                current.close();
                LOG.info("Embedded S3 server {} stopped", current.endpoint());
            } catch (Exception e) {
                LOG.warn("Could not stop the embedded S3 server {}: {}", current.endpoint(), e.getMessage());
            }
        }
    }

    private void createBuckets(PropertiesComponent properties) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (String name : BUCKET_PROPERTIES) {
            String bucket = required(properties, name);
            if (server.createBucket(bucket)) {
                created.add(bucket);
            } else {
                existing.add(bucket);
            }
        }
        LOG.info("Demo buckets ready: created {}, already there {}", created, existing);
    }

    /** Beyond loopback, anyone on the network who learns the keys reads and changes the demo data. */
    private static void warnUnlessLoopback(String host) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // the server cannot bind it either, and says so
            return;
        }
        if (!loopback) {
            LOG.warn("The embedded S3 server binds {} ({}), not loopback: other machines can reach it and anyone with its"
                     + " keys can read and change its data. Set {} (environment TRAYS3_EMBEDDED_HOST) to 127.0.0.1 to keep"
                     + " it on this machine", host, HOST, HOST);
        }
    }

    private static boolean enabled(PropertiesComponent properties) {
        String value = property(properties, ENABLED, "true");
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw new IllegalArgumentException("Property " + ENABLED + " (environment TRAYS3_EMBEDDED) value '" + value
                                               + "' is not a boolean; allowed: true, false");
        }
        return Boolean.parseBoolean(value);
    }

    private static String property(PropertiesComponent properties, String key, String defaultValue) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }

    private static String required(PropertiesComponent properties, String key) {
        String value = property(properties, key, null);
        if (value == null) {
            throw new IllegalArgumentException("Property " + key + " is required for the embedded S3 server but not set");
        }
        return value;
    }

    /** Ties the server to the CamelContext: stopped after the routes when the context stops. */
    private final class StopServer extends ServiceSupport {

        @Override
        protected void doStop() {
            EmbeddedS3Listener.this.close();
        }

        @Override
        public String toString() {
            return "EmbeddedS3Server";
        }
    }
}
