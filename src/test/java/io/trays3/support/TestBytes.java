package io.trays3.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Reproducible test content and its digests. */
public final class TestBytes {

    public static final int MIB = 1024 * 1024;

    private TestBytes() {
    }

    /** Pseudo-random bytes, the same for the same size and seed. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The SHA-256 of a file's content, in hex. */
    public static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    /** The SHA-256 of the bytes, in hex. */
    public static String sha256(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    /** The MD5 of the bytes, in hex: what a single-part upload's ETag names. */
    public static String md5(byte[] bytes) {
        return digest("MD5", bytes);
    }

    private static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
