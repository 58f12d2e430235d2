package io.trays3.bench;

import java.nio.file.Path;
import java.util.Properties;

import io.trays3.app.EmbeddedS3Server;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.blobstore.Constants;

/**
 * The S3 server of the benchmarks, in a JVM of its own so that its memory does not count in the measured client's
 * heap. Prints {@code ENDPOINT <uri>} once it listens, and runs until it is killed.
 *
 * <p>Usage: {@code BenchServer <data-dir> [--transient | --keys <count>]}: the filesystem store under data-dir; with
 * {@code --transient} the in-memory store (its listings are not slowed by reading every file's attributes); with
 * {@code --keys N} the in-memory store plus a bucket {@value #INDEXED_BUCKET} of N empty objects {@code m/0000000}...
 * held in a {@link KeyIndexStore}, created in the store directly (a million PUTs would take hours here).
 */
public final class BenchServer {

    static final String INDEXED_BUCKET = "million";
    static final String INDEXED_PREFIX = "m/";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 1 ? args[1] : "";
        EmbeddedS3Server server;
        if ("--keys".equals(mode)) {
            int count = Integer.parseInt(args[2]);
            long start = System.nanoTime();
            Properties properties = new Properties();
            properties.setProperty(Constants.PROPERTY_IDENTITY, BenchSupport.ACCESS_KEY);
            properties.setProperty(Constants.PROPERTY_CREDENTIAL, BenchSupport.SECRET_KEY);
            KeyIndexStore store = new KeyIndexStore(BlobStores.create("transient", properties), INDEXED_BUCKET,
                                                    INDEXED_PREFIX, count);
            System.out.printf("FILLED %d keys in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
            server = EmbeddedS3Server.serve(store, "transient + key index", "127.0.0.1", 0, BenchSupport.ACCESS_KEY,
                                            BenchSupport.SECRET_KEY);
        } else {
            server = EmbeddedS3Server.start("127.0.0.1", 0, "--transient".equals(mode) ? null : Path.of(args[0]).resolve("store"),
                                            BenchSupport.ACCESS_KEY, BenchSupport.SECRET_KEY);
        }
        System.out.println("ENDPOINT " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
