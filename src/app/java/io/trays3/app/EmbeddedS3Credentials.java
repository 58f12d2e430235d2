package io.trays3.app;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The keys of the embedded S3 server: the access key as configured, the secret as configured or else random for this
 * run, and the file that hands them to other S3 clients, readable by its owner only.
 *
 * @param accessKey the access key the server accepts
 * @param secretKey the secret key the server accepts
 * @param random    whether the secret was made for this run (no secret was configured)
 */
public record EmbeddedS3Credentials(String accessKey, String secretKey, boolean random) {

    /** 240 random bits: as strong as an AWS secret key, in 40 characters that need no quoting in a shell or a URI. */
    private static final int SECRET_BYTES = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The configured keys, with a random secret when {@code secretKey} is null. */
    public static EmbeddedS3Credentials of(String accessKey, String secretKey) {
        if (secretKey != null) {
            return new EmbeddedS3Credentials(accessKey, secretKey, false);
        }
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return new EmbeddedS3Credentials(accessKey, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    /**
     * Writes the keys, the region and the endpoint as {@code AWS_*} variables (a file both {@code sh} and
     * {@link java.util.Properties} read), replacing the file at once; on POSIX file systems it is created rw-------.
     */
    public void write(Path file, URI endpoint, String region) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        String content = "# The embedded S3 server of trays3 (S3Proxy): valid while the application that wrote this file runs.\n"
                         + "# set -a; . " + file + "; set +a; aws s3 ls\n"
                         + "AWS_ACCESS_KEY_ID=" + accessKey + "\n"
                         + "AWS_SECRET_ACCESS_KEY=" + secretKey + "\n"
                         + "AWS_REGION=" + region + "\n"
                         + "AWS_ENDPOINT_URL=" + endpoint + "\n";
        // created owner-only before the secret is written into it, then moved over any earlier file
        Path written = Files.createTempFile(folder, absolute.getFileName().toString(), ".tmp", ownerOnly());
        try {
            Files.writeString(written, content, StandardCharsets.UTF_8);
            Files.move(written, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // elsewhere (Windows) the file gets the folder's default access, as the README says
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    @Override
    public String toString() {
        return "EmbeddedS3Credentials[accessKey=" + accessKey + ", secretKey=****, random=" + random + "]";
    }
}
