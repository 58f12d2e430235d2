package io.trays3.support;

import java.net.URI;

import io.trays3.app.EmbeddedS3Server;

/** The in-JVM S3Proxy (transient store), started once per test JVM and stopped when it exits. */
public final class S3ProxyTarget implements S3Target {

    private static final String ACCESS_KEY = "AKIATRAYS3TESTKEY";
    private static final String SECRET_KEY = "trays3-test-secret-Zq8w3Vx1";
    private static volatile S3ProxyTarget instance;

    private final EmbeddedS3Server server;

    private S3ProxyTarget(EmbeddedS3Server server) {
        this.server = server;
    }

    /** The shared server, started on first use. */
    public static synchronized S3ProxyTarget get() {
        if (instance == null) {
            try {
                EmbeddedS3Server server = EmbeddedS3Server.start("127.0.0.1", 0, null, ACCESS_KEY, SECRET_KEY);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception e) {
                        // the JVM is exiting
                    }
                }));
                instance = new S3ProxyTarget(server);
            } catch (Exception e) {
                throw new IllegalStateException("Could not start S3Proxy", e);
            }
        }
        return instance;
    }

    @Override
    public String name() {
        return "S3Proxy";
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }
}
