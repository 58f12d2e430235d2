package io.trays3.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server in this JVM (S3Proxy): accepts SigV4 signatures only (V2 ones are refused), checks presigned URL
 * expiry and ACLs. The transient store keeps objects in memory (and supports versioning); the filesystem store keeps them
 * in a folder.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(S3Proxy proxy, BlobStore blobStore, URI endpoint, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts a server.
     *
     * @param host      the address to listen on (127.0.0.1 keeps it local)
     * @param port      the port, 0 for any free one
     * @param directory where the filesystem store keeps objects, or null for the in-memory store
     * @param accessKey the access key clients must sign with
     * @param secretKey the secret key clients must sign with
     */
    public static EmbeddedS3Server start(String host, int port, Path directory, String accessKey, String secretKey)
            throws Exception {
        Properties properties = new Properties();
        properties.setProperty(Constants.PROPERTY_IDENTITY, accessKey);
        properties.setProperty(Constants.PROPERTY_CREDENTIAL, secretKey);
        String provider = "transient";
        if (directory != null) {
            Files.createDirectories(directory);
            properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
            provider = "filesystem";
        }
        return serve(BlobStores.create(provider, properties), provider, host, port, accessKey, secretKey);
    }

    /**
     * Starts a server over a store built by the caller (a benchmark's store that wraps one of S3Proxy's).
     *
     * @param provider what the store is, for the log line
     */
    public static EmbeddedS3Server serve(BlobStore blobStore, String provider, String host, int port, String accessKey,
                                         String secretKey) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                // the SDK's multipart uploads send headers S3Proxy does not know; without this they get 501
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("The embedded S3 server did not start within " + START_TIMEOUT);
            }
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://" + host + ":" + proxy.getPort());
        LOG.info("Embedded S3 server (S3Proxy, {} store) listening on {}", provider, endpoint);
        return new EmbeddedS3Server(proxy, blobStore, endpoint, accessKey, secretKey);
    }

    /** The server's URI, for {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /**
     * Creates a bucket in the store unless it is there already (the filesystem store keeps buckets between runs).
     *
     * @return true when the bucket was created, false when it existed
     */
    public boolean createBucket(String name) {
        if (blobStore.containerExists(name)) {
            return false;
        }
        blobStore.createContainer(name);
        return true;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobStore.close();
    }

    @Override
    public String toString() {
        return "EmbeddedS3Server[" + endpoint + "]";
    }
}
