package io.trays3;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.trays3.support.FaultProxy;
import io.trays3.support.FaultProxy.Fault;
import io.trays3.support.FaultProxy.Request;
import io.trays3.support.FaultProxyContextSupport;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static io.trays3.support.TestBytes.MIB;
import static io.trays3.support.TestBytes.random;
import static io.trays3.support.TestBytes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A corrupted upload, for real: the fault proxy flips one byte of the request body on its way to S3Proxy. Over plain
 * HTTP the SDK always signs the payload, so SigV4 itself protects the body in each checksum mode (recorded from the
 * headers the proxy saw): the signature of each aws-chunked chunk, or the signed SHA-256 of the whole body; the server
 * refuses what it got and nothing is stored. Over HTTPS (the proxy ends TLS) the SDK signs no payload: by default only the
 * CRC32 trailer describes the body, which S3 checks and S3Proxy 4.1.0 does not; with WHEN_REQUIRED nothing does, beyond
 * TLS. trays3 sends no Content-MD5 in any mode.
 */
class UploadIntegrityTest extends FaultProxyContextSupport {

    private static final String SIGNED_CHUNKS_WITH_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String SIGNED_CHUNKS = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String STORE_PASSWORD = "fault-proxy";
    /**
     * Where the proxy flips a byte: 2,000 bytes before the end of the body as sent, in the last data chunk (after it
     * only the final chunk and the trailer), so the server has read the body before it refuses it.
     */
    private static final long FROM_THE_END = -2_000;
    private static final int TEXT_LENGTH = 10_000;

    private S3Client closeWithTest;

    @AfterEach
    void closeTheTlsClient() {
        if (closeWithTest != null) {
            closeWithTest.close();
        }
    }

    @Test
    void byDefaultAFlippedByteBreaksTheSignatureOfItsAwsChunkedChunk() throws Exception {
        startCamel(c -> { });
        proxy.inject(put(), Fault.flipRequestByte(FROM_THE_END), 1);

        Trays3ServiceException failure = refused(() -> call("trays3:putObjectText?key=flip.txt", "a".repeat(TEXT_LENGTH)));

        Request sent = onlyPut();
        assertThat(sent.header("x-amz-content-sha256")).isEqualTo(SIGNED_CHUNKS_WITH_TRAILER);
        assertThat(sent.header("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
        assertThat(sent.header("content-md5")).isNull();
        assertThat(failure.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(failure.getStatusCode()).isEqualTo(403);
        assertNothingStored("flip.txt");
    }

    @Test
    void withChecksumsWhenRequiredTheChunksAreStillSigned() throws Exception {
        startCamel(c -> c.setRequestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
        proxy.inject(put(), Fault.flipRequestByte(FROM_THE_END), 1);

        Trays3ServiceException failure = refused(() -> call("trays3:putObjectText?key=flip.txt", "a".repeat(TEXT_LENGTH)));

        Request sent = onlyPut();
        assertThat(sent.header("x-amz-content-sha256")).isEqualTo(SIGNED_CHUNKS);
        assertThat(sent.header("x-amz-trailer")).isNull();
        assertThat(sent.header("content-md5")).as("Content-MD5 with WHEN_REQUIRED").isNull();
        assertThat(failure.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertNothingStored("flip.txt");
    }

    @Test
    void withoutChecksumsOrChunkingTheSignedSha256OfTheBodyNoLongerMatches() throws Exception {
        startCamel(c -> {
            c.setRequestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            c.setChunkedEncodingEnabled(false);
        });
        proxy.inject(put(), Fault.flipRequestByte(FROM_THE_END), 1);
        String text = "a".repeat(TEXT_LENGTH);

        Trays3ServiceException failure = refused(() -> call("trays3:putObjectText?key=flip.txt", text));

        Request sent = onlyPut();
        assertThat(sent.header("x-amz-content-sha256")).isEqualTo(sha256(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.header("content-md5")).as("Content-MD5 with WHEN_REQUIRED, no chunking").isNull();
        assertThat(failure.getErrorCode()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(failure.getStatusCode()).isEqualTo(400);
        assertThat(failure).hasMessageStartingWith("trays3 putObjectText").hasMessageContaining("is not the one sent")
                .hasMessageNotContaining("chunkedEncodingEnabled");
        assertNothingStored("flip.txt");
    }

    @Test
    void aSinglePartFileUploadWithAFlippedByteIsRefused(@TempDir Path dir) throws Exception {
        startCamel(c -> { });
        File file = Files.write(dir.resolve("one.bin"), random(5 * MIB, 11)).toFile();
        proxy.inject(put(), Fault.flipRequestByte(FROM_THE_END), 1);

        Trays3ServiceException failure = refused(() -> call("trays3:putObjectFile?key=one.bin", file));

        assertThat(onlyPut().header("x-amz-content-sha256")).isEqualTo(SIGNED_CHUNKS_WITH_TRAILER);
        assertThat(failure.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertNothingStored("one.bin");
    }

    @Test
    void aMultipartUploadWithAFlippedByteInOnePartIsRefusedAndAborted(@TempDir Path dir) throws Exception {
        startCamel(c -> { });
        File file = Files.write(dir.resolve("big.bin"), random(20 * MIB, 12)).toFile();
        proxy.inject(put().and(r -> r.targets("partNumber=2")), Fault.flipRequestByte(FROM_THE_END), 1);

        Trays3ServiceException failure = refused(() -> call("trays3:putObjectFile?key=big.bin", file));

        assertThat(proxy.requests()).filteredOn(r -> r.targets("partNumber=")).isNotEmpty()
                .allMatch(r -> SIGNED_CHUNKS_WITH_TRAILER.equals(r.header("x-amz-content-sha256")))
                .allMatch(r -> r.header("content-md5") == null);
        assertThat(failure.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(proxy.log()).as("the upload aborted").anyMatch(l -> l.startsWith("DELETE ") && l.contains("uploadId="));
        assertNothingStored("big.bin");
    }

    @Test
    void aMultipartUploadWithoutChecksumsOrChunkingIsRefusedOnThePartsSha256(@TempDir Path dir) throws Exception {
        startCamel(c -> {
            c.setRequestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            c.setChunkedEncodingEnabled(false);
        });
        File file = Files.write(dir.resolve("big.bin"), random(20 * MIB, 13)).toFile();
        proxy.inject(put().and(r -> r.targets("partNumber=2")), Fault.flipRequestByte(FROM_THE_END), 1);

        Trays3ServiceException failure = refused(() -> call("trays3:putObjectFile?key=big.bin", file));

        assertThat(proxy.requests()).filteredOn(r -> r.targets("partNumber=")).isNotEmpty()
                .allMatch(r -> r.header("x-amz-content-sha256").matches("[0-9a-f]{64}") && r.header("content-md5") == null);
        assertThat(failure.getErrorCode()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(failure).hasMessageStartingWith("trays3 putObjectFile").hasMessageContaining("is not the one sent");
        assertNothingStored("big.bin");
    }

    @Test
    void overTlsOnlyTheCrc32TrailerDescribesTheBodyAndS3ProxyDoesNotCheckIt(@TempDir Path dir) throws Exception {
        tlsCamel(dir, RequestChecksumCalculation.WHEN_SUPPORTED);
        proxy.inject(put(), Fault.flipRequestByte(FROM_THE_END), 1);
        byte[] sent = "a".repeat(TEXT_LENGTH).getBytes(StandardCharsets.UTF_8);
        String text = new String(sent, StandardCharsets.UTF_8);

        Throwable thrown = catchThrowable(() -> call("trays3:putObjectText?key=flip.txt", text));

        Request request = onlyPut();
        assertThat(request.header("x-amz-content-sha256")).isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        assertThat(request.header("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32");
        assertThat(request.header("content-md5")).isNull();
        Matcher trailer = Pattern.compile("x-amz-checksum-crc32:([A-Za-z0-9+/=]+)").matcher(proxy.bodyEnd(request));
        assertThat(trailer.find()).as("the trailer in %s", proxy.bodyEnd(request)).isTrue();
        // S3 refuses a body whose trailer does not match it (BadDigest); S3Proxy 4.1.0 stores the object as it came,
        // before it reaches the trailer, so this shows what the trailer says rather than a refusal
        assertThat(thrown).as("the upload to S3Proxy: %s", thrown).isNull();
        byte[] stored = s3.getObjectAsBytes(g -> g.bucket(bucket).key("flip.txt")).asByteArray();
        assertThat(stored).hasSameSizeAs(sent).isNotEqualTo(sent);
        assertThat(trailer.group(1)).as("the trailer is the CRC32 of what trays3 sent").isEqualTo(crc32(sent))
                .as("and not of what the server got").isNotEqualTo(crc32(stored));
    }

    @Test
    void overTlsWithChecksumsWhenRequiredNothingChecksTheBodyBeyondTlsItself(@TempDir Path dir) throws Exception {
        tlsCamel(dir, RequestChecksumCalculation.WHEN_REQUIRED);
        proxy.inject(put(), Fault.flipRequestByte(FROM_THE_END), 1);
        byte[] sent = "a".repeat(TEXT_LENGTH).getBytes(StandardCharsets.UTF_8);
        String text = new String(sent, StandardCharsets.UTF_8);

        Throwable thrown = catchThrowable(() -> call("trays3:putObjectText?key=flip.txt", text));

        Request request = onlyPut();
        assertThat(request.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(request.header("x-amz-trailer")).isNull();
        assertThat(request.header("content-md5")).isNull();
        // a corruption TLS would have caught on the wire, made where TLS ends: the server stores it as it came
        assertThat(thrown).as("the upload: %s", thrown).isNull();
        byte[] stored = s3.getObjectAsBytes(g -> g.bucket(bucket).key("flip.txt")).asByteArray();
        assertThat(stored).hasSameSizeAs(sent).isNotEqualTo(sent);
        sent[(int) (TEXT_LENGTH + FROM_THE_END)] ^= (byte) 0xFF;
        assertThat(stored).isEqualTo(sent);
    }

    /** trays3 over HTTPS to the fault proxy (a self-signed certificate), which passes requests on to S3Proxy. */
    private void tlsCamel(Path dir, RequestChecksumCalculation checksums) throws Exception {
        proxy.close();
        KeyStore keys = selfSignedKeyStore(dir);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        proxy = FaultProxy.startTls(target.endpoint(), tls);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        S3Client overTls = S3Client.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(target.accessKey(),
                                                                                                 target.secretKey())))
                .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers))
                .requestChecksumCalculation(checksums).build();
        closeWithTest = overTls;
        startCamel(c -> c.setS3Client(overTls));
    }

    /** A PKCS12 key store with a key pair and a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static KeyStore selfSignedKeyStore(Path dir) throws Exception {
        Path file = dir.resolve("proxy.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "proxy", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool done").isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store;
    }

    private Object call(String uri, Object body) {
        return template.requestBodyAndHeader(uri, body, Trays3Constants.BUCKET, bucket);
    }

    /** The call fails with the server's refusal, and the flipped request was not retried. */
    private Trays3ServiceException refused(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the upload fails (the proxy saw %s; objects %s)", proxy.log(),
                              s3.listObjectsV2(r -> r.bucket(bucket)).contents()).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class);
        assertThat(proxy.faulted()).as("requests corrupted").isEqualTo(1);
        return (Trays3ServiceException) thrown.getCause();
    }

    private static Predicate<Request> put() {
        return r -> r.method().equals("PUT");
    }

    private Request onlyPut() {
        List<Request> puts = proxy.requests().stream().filter(put()).toList();
        assertThat(puts).as("PUT requests (no retry)").hasSize(1);
        return puts.get(0);
    }

    private void assertNothingStored(String key) {
        assertThat(s3.listMultipartUploads(r -> r.bucket(bucket)).uploads()).as("unfinished uploads").isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).as("objects").noneMatch(o -> o.key().equals(key));
    }

    /** The CRC32 of the bytes as S3 writes it: base64 of the four bytes, big-endian. */
    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
