package io.trays3.scale;

import java.nio.file.Path;

import io.trays3.app.EmbeddedS3Server;

/**
 * The S3 server of the scale-out run (S3Proxy), in a JVM of its own. Prints {@code ENDPOINT <uri>} once it listens, and
 * runs until it is killed.
 *
 * <p>Usage: {@code ScaleServer <data-dir>}.
 */
public final class ScaleServer {

    private ScaleServer() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedS3Server server = EmbeddedS3Server.start("127.0.0.1", 0, Path.of(args[0]).resolve("store"),
                                                         ScaleOut.ACCESS_KEY, ScaleOut.SECRET_KEY);
        System.out.println("ENDPOINT " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
