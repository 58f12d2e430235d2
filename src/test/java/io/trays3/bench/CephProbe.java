package io.trays3.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import io.trays3.Trays3Component;
import io.trays3.Trays3Constants;
import io.trays3.Trays3ServiceException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Asks a real S3-compatible server (bench/ceph-rgw.sh starts Ceph RGW) which trays3 operations it accepts with the
 * SDK's default flexible checksums and with {@code WHEN_REQUIRED}, and how many bytes of an upload the SDK has sent
 * when the server refuses it. One {@code PROBE} line per operation and setting.
 *
 * <p>Usage: {@code CephProbe <endpoint> <access-key> <secret-key> <bucket> <work-dir>}.
 */
public final class CephProbe {

    private static final int MIB = 1024 * 1024;

    private CephProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String accessKey = args[1];
        String secretKey = args[2];
        String bucket = args[3];
        Path work = Path.of(args[4]);
        Path small = file(work.resolve("small.bin"), MIB);
        // above putObjectFile's single-PutObject limit (16 MiB): multipart, 8 MiB parts
        Path large = file(work.resolve("large.bin"), 40 * MIB);
        // WHEN_REQUIRED first: it writes the object the copy and the download of both settings read
        for (RequestChecksumCalculation setting : List.of(RequestChecksumCalculation.WHEN_REQUIRED,
                                                          RequestChecksumCalculation.WHEN_SUPPORTED)) {
            CamelContext camel = camel(endpoint, accessKey, secretKey, setting);
            ProducerTemplate template = camel.createProducerTemplate();
            String in = "trays3:%s?bucket=" + bucket + "&key=probe/" + setting + "/";
            String source = "&key=probe/source.txt";
            probe(setting, "putObjectText", () -> template.requestBody(in.formatted("putObjectText") + "text.txt", "hello"));
            if (setting == RequestChecksumCalculation.WHEN_REQUIRED) {
                template.requestBody("trays3:putObjectText?bucket=" + bucket + source, "the copy source");
            }
            probe(setting, "putObjectFile 1 MiB file (one PutObject)",
                  () -> template.requestBody(in.formatted("putObjectFile") + "small.bin", small.toFile()));
            probe(setting, "putObjectFile 40 MiB file (multipart)",
                  () -> template.requestBody(in.formatted("putObjectFile") + "large.bin", large.toFile()));
            probe(setting, "putObjectFile 20 MiB stream (multipart)",
                  () -> template.requestBody(in.formatted("putObjectFile") + "stream.bin", stream(20 * MIB)));
            probe(setting, "putObjectFile 1 MiB byte[] (one PutObject)",
                  () -> template.requestBody(in.formatted("putObjectFile") + "bytes.bin", new byte[MIB]));
            probe(setting, "copyObject", () -> template.requestBodyAndHeader("trays3:copyObject?bucket=" + bucket + source,
                    null, Trays3Constants.DESTINATION_KEY, "probe/" + setting + "/copy.txt"));
            probe(setting, "getObject", () -> template.requestBody("trays3:getObject?bucket=" + bucket + source, null,
                                                                   String.class));
            probe(setting, "deleteMultipleObjects", () -> template.requestBody("trays3:deleteMultipleObjects?bucket=" + bucket,
                    List.of("probe/" + setting + "/copy.txt", "probe/" + setting + "/missing.txt")));
            camel.stop();
        }
        sentBeforeRefusal(endpoint, accessKey, secretKey, bucket);
        throughByteFlipper(endpoint, accessKey, secretKey, bucket, small);
    }

    /**
     * Uploads with {@code WHEN_REQUIRED} through a relay that flips one byte of each PUT's body: whether the server
     * notices (over HTTP the SDK signs every aws-chunked chunk) or stores the damaged bytes.
     */
    private static void throughByteFlipper(URI endpoint, String accessKey, String secretKey, String bucket, Path small)
            throws Exception {
        try (ByteFlipper flipper = new ByteFlipper(endpoint)) {
            CamelContext camel = camel(flipper.endpoint(), accessKey, secretKey, RequestChecksumCalculation.WHEN_REQUIRED);
            ProducerTemplate template = camel.createProducerTemplate();
            String in = "trays3:%s?bucket=" + bucket + "&key=probe/flipped/";
            RequestChecksumCalculation setting = RequestChecksumCalculation.WHEN_REQUIRED;
            probe(setting, "putObjectText, one body byte flipped on the way",
                  () -> template.requestBody(in.formatted("putObjectText") + "text.txt", "hello, a text long enough"));
            probe(setting, "putObjectFile 1 MiB file, one body byte flipped on the way",
                  () -> template.requestBody(in.formatted("putObjectFile") + "small.bin", small.toFile()));
            camel.stop();
            System.out.printf(Locale.ROOT, "PROBE byte flipper | bodies flipped: %d%n", flipper.flipped());
        }
    }

    /** Runs one call and prints what came of it: ok, or the error code and HTTP status S3 answered. */
    private static void probe(RequestChecksumCalculation setting, String operation, Callable<Object> call) {
        long start = System.nanoTime();
        String result;
        try {
            Object reply = call.call();
            result = "ok" + (reply instanceof Map<?, ?> map && map.get("ETag") != null ? " ETag=" + map.get("ETag") : "");
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof Trays3ServiceException)) {
                cause = cause.getCause();
            }
            result = cause instanceof Trays3ServiceException s3
                    ? "refused " + s3.getErrorCode() + " HTTP " + s3.getStatusCode()
                    : "failed " + cause;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "PROBE checksums=%s | %s | %s | %d ms%n", setting, operation, result, ms);
    }

    /**
     * The SDK with its default checksums puts a 12 MiB body whose bytes it counts as it reads them: how much of the
     * upload had gone out when the server refused it (a retry would have to send it all again).
     */
    private static void sentBeforeRefusal(URI endpoint, String accessKey, String secretKey, String bucket) {
        AtomicLong read = new AtomicLong();
        long size = 12L * MIB;
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build()) {
            String result;
            try {
                s3.putObject(b -> b.bucket(bucket).key("probe/counted.bin"),
                             RequestBody.fromContentProvider(() -> new CountingStream(size, read), size,
                                                             "application/octet-stream"));
                result = "ok";
            } catch (S3Exception e) {
                result = "refused " + e.awsErrorDetails().errorCode() + " HTTP " + e.statusCode();
            }
            System.out.printf(Locale.ROOT, "PROBE sdk default | PutObject 12 MiB | %s | body bytes read by the SDK: %d of %d%n",
                              result, read.get(), size);
        }
    }

    private static CamelContext camel(URI endpoint, String accessKey, String secretKey, RequestChecksumCalculation setting) {
        CamelContext context = new DefaultCamelContext();
        Trays3Component trays3 = new Trays3Component();
        trays3.getConfiguration().setEndpointOverride(endpoint.toString());
        trays3.getConfiguration().setForcePathStyle(true);
        trays3.getConfiguration().setAccessKey(accessKey);
        trays3.getConfiguration().setSecretKey(secretKey);
        trays3.getConfiguration().setRequestChecksumCalculation(setting);
        trays3.getConfiguration().setResponseChecksumValidation(setting == RequestChecksumCalculation.WHEN_REQUIRED
                ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED);
        context.addComponent("trays3", trays3);
        context.start();
        return context;
    }

    private static Path file(Path path, int size) throws Exception {
        Files.createDirectories(path.getParent());
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(path, bytes);
    }

    /** A stream of unknown size to the producer (not a file, not bytes). */
    private static InputStream stream(int size) {
        return new ByteArrayInputStream(new byte[size]) {
        };
    }

    /**
     * A TCP relay to the server that flips one byte, {@value #FLIP_OFFSET} bytes into the body of every PUT: in the
     * data of its first aws-chunked chunk, after the chunk's size and signature. The answers pass unchanged.
     */
    private static final class ByteFlipper implements AutoCloseable {
        private static final int FLIP_OFFSET = 95;
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final URI target;
        private final AtomicLong flipped = new AtomicLong();

        ByteFlipper(URI target) throws IOException {
            this.target = target;
            Thread acceptor = new Thread(this::accept, "byte-flipper");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        long flipped() {
            return flipped.get();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(target.getHost(), target.getPort());
                    relay(server.getInputStream(), client.getOutputStream(), false);
                    relay(client.getInputStream(), server.getOutputStream(), true);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void relay(InputStream from, OutputStream to, boolean flip) {
            Thread copier = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                // where the next flip falls in this buffer, found from the end of each PUT's head ("PUT /..." up to the
                // empty line; the head of a request arrives whole in one read in practice, the probe counts the flips)
                long flipIn = -1;
                try (from; to) {
                    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                        if (flip) {
                            String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                            int put = text.indexOf("PUT /");
                            int headEnd = put < 0 ? -1 : text.indexOf("\r\n\r\n", put);
                            if (headEnd >= 0) {
                                flipIn = headEnd + 4 + FLIP_OFFSET;
                            }
                            if (flipIn >= 0 && flipIn < n) {
                                buffer[(int) flipIn] ^= 0x01;
                                flipped.incrementAndGet();
                                flipIn = -1;
                            } else if (flipIn >= n) {
                                flipIn -= n;
                            }
                        }
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                } catch (IOException e) {
                    // the connection is over: the other side closed it
                }
            }, "byte-flipper-relay");
            copier.setDaemon(true);
            copier.start();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** Zeros, counted as they are read. */
    private static final class CountingStream extends InputStream {
        private final long size;
        private final AtomicLong read;
        private long position;

        CountingStream(long size, AtomicLong read) {
            this.size = size;
            this.read = read;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            position++;
            read.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            Arrays.fill(b, off, off + n, (byte) 0);
            position += n;
            read.addAndGet(n);
            return n;
        }
    }
}
