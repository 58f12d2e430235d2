package io.trays3.bench;

import java.nio.file.Path;

import io.trays3.app.EmbeddedS3Server;

/**
 * The S3 server of the benchmarks, in a JVM of its own so that its memory does not count in the measured client's
 * heap. Prints {@code ENDPOINT <uri>} once it listens, and runs until it is killed.
 *
 * <p>Usage: {@code BenchServer <data-dir>}.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedS3Server server = EmbeddedS3Server.start("127.0.0.1", 0, Path.of(args[0]).resolve("store"),
                                                         BenchSupport.ACCESS_KEY, BenchSupport.SECRET_KEY);
        System.out.println("ENDPOINT " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
