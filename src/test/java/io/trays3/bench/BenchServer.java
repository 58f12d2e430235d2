package io.trays3.bench;

import java.nio.file.Path;

import io.trays3.app.EmbeddedS3Server;

/**
 * The S3 server of the benchmarks, in a JVM of its own so that its memory does not count in the measured client's
 * heap. Prints {@code ENDPOINT <uri>} once it listens, and runs until it is killed.
 *
 * <p>Usage: {@code BenchServer <data-dir> [--transient]}: the filesystem store under data-dir, or with
 * {@code --transient} the in-memory store (its listings are not slowed by reading every file's attributes).
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean inMemory = args.length > 1 && "--transient".equals(args[1]);
        EmbeddedS3Server server = EmbeddedS3Server.start("127.0.0.1", 0, inMemory ? null : Path.of(args[0]).resolve("store"),
                                                         BenchSupport.ACCESS_KEY, BenchSupport.SECRET_KEY);
        System.out.println("ENDPOINT " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
