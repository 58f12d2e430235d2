package io.trays3.operation;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.model.ObjectContent;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.trays3.support.TestBytes.MIB;
import static io.trays3.support.TestBytes.random;
import static io.trays3.support.TestBytes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PutObjectFileProducerTest extends S3TestSupport {

    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    @TempDir
    Path tempDir;

    private String uri(String options) {
        return "trays3:putObjectFile?bucket=" + bucket + options;
    }

    private Path writeFile(String name, byte[] content) throws IOException {
        Path file = tempDir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private byte[] objectBytes(String key) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(h -> h.bucket(bucket).key(key));
    }

    private List<String> keys() {
        return s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void uploadsAFileBodyAndReturnsTheConnectorShape() throws IOException {
        byte[] content = random(70_000, 1);
        File file = writeFile("in/data.bin", content).toFile();

        Map<String, Object> result = map(call(uri("&key=files/data.bin"), file, Map.of()));

        assertThat(result.keySet()).containsExactly("Bucket", "Key", "ETag", "VersionId");
        assertThat(result.get("Bucket")).isEqualTo(bucket);
        assertThat(result.get("Key")).isEqualTo("files/data.bin");
        assertThat(result.get("ETag")).isEqualTo(head("files/data.bin").eTag());
        assertThat(objectBytes("files/data.bin")).isEqualTo(content);
    }

    @Test
    void uploadsAPathBody() throws IOException {
        byte[] content = random(50_000, 2);
        Path path = writeFile("in/path.bin", content);

        call(uri("&key=files/path.bin"), path, Map.of());

        assertThat(objectBytes("files/path.bin")).isEqualTo(content);
    }

    @Test
    void uploadsAByteArrayBody() {
        byte[] content = random(40_000, 3);

        call(uri("&key=files/bytes.bin"), content, Map.of());

        assertThat(objectBytes("files/bytes.bin")).isEqualTo(content);
    }

    @Test
    void uploadsAnInputStreamBody() {
        byte[] content = random(60_000, 4);

        call(uri("&key=files/stream.bin"), new ByteArrayInputStream(content), Map.of());

        assertThat(objectBytes("files/stream.bin")).isEqualTo(content);
    }

    @Test
    void closesAnInputStreamBodyAfterUploadingIt() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream(random(1000, 5)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        call(uri("&key=files/closed.bin"), body, Map.of());

        assertThat(closed).isTrue();
    }

    @Test
    void uploadsAnEmptyStreamAsAnEmptyObject() {
        call(uri("&key=files/empty.bin"), new ByteArrayInputStream(new byte[0]), Map.of());

        assertThat(objectBytes("files/empty.bin")).isEmpty();
    }

    @Test
    void takesTheKeyFromCamelFileNameWhenNoKeyIsSet() throws IOException {
        Path path = writeFile("whatever.txt", "named by the header".getBytes(StandardCharsets.UTF_8));

        Map<String, Object> result = map(call(uri(""), path, Map.of(Exchange.FILE_NAME, "inbox/2026/named.txt")));

        assertThat(result.get("Key")).isEqualTo("inbox/2026/named.txt");
        assertThat(keys()).containsExactly("inbox/2026/named.txt");
        assertThat(readObject("inbox/2026/named.txt")).isEqualTo("named by the header");
    }

    @Test
    void theKeyOptionWinsOverCamelFileName() throws IOException {
        Path path = writeFile("whatever.txt", "x".getBytes(StandardCharsets.UTF_8));

        call(uri("&key=chosen.txt"), path, Map.of(Exchange.FILE_NAME, "not-this.txt"));

        assertThat(keys()).containsExactly("chosen.txt");
    }

    @Test
    void refusesWhenNeitherKeyNorCamelFileNameIsSet() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri(""), new byte[] {1, 2, 3}, Map.of());

        assertThat(e).hasMessageContaining("putObjectFile").hasMessageContaining("key")
                .hasMessageContaining(Exchange.FILE_NAME);
        assertThat(keys()).isEmpty();
    }

    @Test
    void aFileConsumerRouteUploadsFilesUnderTheirNamesIncludingSubfolders() throws Exception {
        Path inbox = tempDir.resolve("inbox");
        writeFile("inbox/a.csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
        writeFile("inbox/b.json", "{\"b\":true}".getBytes(StandardCharsets.UTF_8));
        writeFile("inbox/sub/c.txt", "in a subfolder".getBytes(StandardCharsets.UTF_8));
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("inbox").whenCompleted(3).create();

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?noop=true&recursive=true").routeId("inbox")
                        .to("trays3:putObjectFile?bucket=" + bucket);
            }
        });

        assertThat(done.matches(30, TimeUnit.SECONDS)).as("three files consumed within 30 s").isTrue();
        assertThat(keys()).containsExactly("a.csv", "b.json", "sub/c.txt");
        assertThat(readObject("a.csv")).isEqualTo("x,y\n1,2\n");
        assertThat(readObject("b.json")).isEqualTo("{\"b\":true}");
        assertThat(readObject("sub/c.txt")).isEqualTo("in a subfolder");
        assertThat(head("a.csv").contentType()).isEqualTo("text/csv");
        assertThat(head("b.json").contentType()).isEqualTo("application/json");
        assertThat(MediaTypes.normalise(head("sub/c.txt").contentType())).startsWith("text/plain");
    }

    @Test
    void contentTypeComesFromTheKeysExtension() {
        byte[] content = "data".getBytes(StandardCharsets.UTF_8);

        call(uri("&key=t/report.csv"), content, Map.of());
        call(uri("&key=t/config.json"), content, Map.of());
        call(uri("&key=t/blob.unknownext"), content, Map.of());
        call(uri("&key=t/no-extension"), content, Map.of());

        assertThat(head("t/report.csv").contentType()).isEqualTo("text/csv");
        assertThat(head("t/config.json").contentType()).isEqualTo("application/json");
        assertThat(head("t/blob.unknownext").contentType()).isEqualTo("application/octet-stream");
        assertThat(head("t/no-extension").contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void contentTypeFallsBackToTheFileNameWhenTheKeyHasNoExtension() throws IOException {
        Path path = writeFile("export.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));

        call(uri("&key=exports/latest"), path, Map.of());

        assertThat(head("exports/latest").contentType()).isEqualTo("text/csv");
    }

    @Test
    void aGivenContentTypeWinsOverTheExtension() throws IOException {
        Path path = writeFile("data.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));

        call(uri("&key=data.csv&contentType=application/vnd.ms-excel"), path, Map.of());
        call(uri("&key=other.csv"), path, Map.of(Trays3Constants.CONTENT_TYPE, "text/plain"));

        assertThat(head("data.csv").contentType()).isEqualTo("application/vnd.ms-excel");
        assertThat(MediaTypes.normalise(head("other.csv").contentType())).isEqualTo("text/plain");
    }

    @Test
    void appliesMetadataAndAcl() throws IOException {
        Path path = writeFile("shared.txt", "for everyone".getBytes(StandardCharsets.UTF_8));

        call(uri("&key=shared.txt&acl=public-read"), path, Map.of(Trays3Constants.METADATA, Map.of("owner", "team-a",
                "batch", 7)));

        assertThat(head("shared.txt").metadata()).containsEntry("owner", "team-a").containsEntry("batch", "7");
        assertThat(s3.getObjectAcl(a -> a.bucket(bucket).key("shared.txt")).grants())
                .anySatisfy(g -> assertThat(g.grantee().uri()).isEqualTo(ALL_USERS));
    }

    @Test
    void withoutAnAclTheObjectIsNotPublic() throws IOException {
        Path path = writeFile("private.txt", "mine".getBytes(StandardCharsets.UTF_8));

        call(uri("&key=private.txt"), path, Map.of());

        assertThat(s3.getObjectAcl(a -> a.bucket(bucket).key("private.txt")).grants())
                .noneSatisfy(g -> assertThat(g.grantee().uri()).isEqualTo(ALL_USERS));
    }

    @Test
    void aFileOverSixteenMibGoesMultipartAndRoundTrips() throws IOException {
        Path big = writeFile("big.csv", random(20 * MIB, 20));

        Map<String, Object> result = map(call(uri("&key=large/big.csv&acl=public-read"), big,
                Map.of(Trays3Constants.METADATA, Map.of("origin", "multipart"))));

        assertThat((String) result.get("ETag")).as("S3's multipart ETag: 20 MiB in 8 MiB parts is 3 parts")
                .matches("\"[0-9a-f]{32}-3\"");
        HeadObjectResponse head = head("large/big.csv");
        assertThat(head.contentLength()).isEqualTo(20L * MIB);
        assertThat(head.eTag()).isEqualTo(result.get("ETag"));
        assertThat(head.contentType()).as("content type on the multipart path").isEqualTo("text/csv");
        assertThat(head.metadata()).as("metadata on the multipart path").containsEntry("origin", "multipart");
        assertThat(s3.getObjectAcl(a -> a.bucket(bucket).key("large/big.csv")).grants()).as("acl on the multipart path")
                .anySatisfy(g -> assertThat(g.grantee().uri()).isEqualTo(ALL_USERS));
        assertThat(sha256(objectBytes("large/big.csv"))).isEqualTo(sha256(big));
    }

    @Test
    void aMultipartUploadLeavesNoFileHandleOpen() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux) to list open files");
        Path big = writeFile("released.bin", random(20 * MIB, 21));

        call(uri("&key=released.bin"), big, Map.of());

        List<Path> open;
        try (Stream<Path> descriptors = Files.list(fds)) {
            open = descriptors.map(PutObjectFileProducerTest::linkTarget).filter(big::equals).toList();
        }
        assertThat(open).as("descriptors still open on the uploaded file (each part opens it)").isEmpty();
    }

    private static Path linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            return link;
        }
    }

    @Test
    void aFileOfExactlySixteenMibGoesInOneRequest() throws IOException {
        Path file = writeFile("limit.bin", random(16 * MIB, 16));

        Map<String, Object> result = map(call(uri("&key=limit.bin"), file, Map.of()));

        assertThat((String) result.get("ETag")).as("a single PutObject's ETag").doesNotContain("-");
        assertThat(sha256(objectBytes("limit.bin"))).isEqualTo(sha256(file));
    }

    @Test
    void aStreamOfUnknownSizeLargerThanOnePartRoundTrips() {
        byte[] content = random(9 * MIB, 9);

        Map<String, Object> result = map(call(uri("&key=large/stream.bin"), new ByteArrayInputStream(content), Map.of()));

        assertThat((String) result.get("ETag")).as("two parts: 8 MiB and 1 MiB").matches("\"[0-9a-f]{32}-2\"");
        assertThat(sha256(objectBytes("large/stream.bin"))).isEqualTo(sha256(content));
    }

    @Test
    void aStreamOfManyPartsRoundTripsInOrderThroughItsReusedBuffers() {
        byte[] content = random(4 * 8 * MIB + MIB, 5);

        Map<String, Object> result = map(call(uri("&key=large/many.bin"), new ByteArrayInputStream(content), Map.of()));

        assertThat((String) result.get("ETag")).as("four 8 MiB parts and one of 1 MiB").matches("\"[0-9a-f]{32}-5\"");
        assertThat(sha256(objectBytes("large/many.bin"))).isEqualTo(sha256(content));
    }

    @Test
    void aFileOfMorePartsThanAreSentAtOnceRoundTripsInOrder() throws IOException {
        Path big = writeFile("many.bin", random(5 * 8 * MIB + 3, 6));

        Map<String, Object> result = map(call(uri("&key=large/many-file.bin"), big, Map.of()));

        assertThat((String) result.get("ETag")).as("five 8 MiB parts and one of 3 bytes").matches("\"[0-9a-f]{32}-6\"");
        assertThat(sha256(objectBytes("large/many-file.bin"))).isEqualTo(sha256(big));
    }

    @Test
    void aStreamOfExactlyOnePartRoundTrips() {
        byte[] content = random(8 * MIB, 8);

        call(uri("&key=large/one-part.bin"), new ByteArrayInputStream(content), Map.of());

        assertThat(sha256(objectBytes("large/one-part.bin"))).isEqualTo(sha256(content));
    }

    @Test
    void aStreamThatFailsMidwayLeavesNoObjectAndNoMultipartUpload() {
        InputStream failing = new FailingStream(random(10 * MIB, 10));

        Throwable thrown = catchThrowable(() -> call(uri("&key=large/broken.bin"), failing, Map.of()));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown).rootCause().isInstanceOf(IOException.class).hasMessage(FailingStream.MESSAGE);
        assertThat(thrown.getCause()).isInstanceOf(io.trays3.Trays3Exception.class)
                .hasMessageContaining("putObjectFile").hasMessageContaining("large/broken.bin")
                .hasMessageContaining("aborted");
        assertThat(keys()).as("objects left behind").isEmpty();
        assertThat(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads()).as("multipart uploads left behind").isEmpty();
    }

    @Test
    void aStreamThatFailsWithinTheFirstPartLeavesNothing() {
        InputStream failing = new FailingStream(random(MIB, 1));

        Throwable thrown = catchThrowable(() -> call(uri("&key=small/broken.bin"), failing, Map.of()));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(io.trays3.Trays3Exception.class).hasMessageContaining("putObjectFile");
        assertThat(thrown).rootCause().isInstanceOf(IOException.class).hasMessage(FailingStream.MESSAGE);
        assertThat(keys()).isEmpty();
        assertThat(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void anUnreadableBodyNamesTheOperationAndThePlaceExactlyOnce() {
        Throwable small = catchThrowable(() -> call(uri("&key=small/unreadable.bin"), new FailingStream(random(MIB, 2)),
                                                    Map.of()));
        Throwable large = catchThrowable(() -> call(uri("&key=large/unreadable.bin"),
                                                    new FailingStream(random(9 * MIB, 3)), Map.of()));

        assertThat(small.getCause()).isInstanceOf(io.trays3.Trays3Exception.class).hasMessage(
                "trays3 putObjectFile on '" + bucket + "/small/unreadable.bin': could not read the body: "
                + FailingStream.MESSAGE);
        assertThat(large.getCause()).isInstanceOf(io.trays3.Trays3Exception.class).hasMessage(
                "trays3 putObjectFile on '" + bucket + "/large/unreadable.bin': could not read the body: "
                + FailingStream.MESSAGE + "; the multipart upload was aborted");
        for (Throwable thrown : List.of(small, large)) {
            String message = thrown.getCause().getMessage();
            assertThat(occurrences(message, "trays3")).as(message).isEqualTo(1);
            assertThat(occurrences(message, "putObjectFile")).as(message).isEqualTo(1);
            assertThat(occurrences(message, "unreadable.bin")).as(message).isEqualTo(1);
            assertThat(occurrences(message, bucket)).as(message).isEqualTo(1);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void aGetObjectResultUploadsAsACopyWithItsContentTypeAndMetadata() throws Exception {
        byte[] content = random(9 * MIB + 5, 99);
        s3.putObject(p -> p.bucket(bucket).key("src/original.dat").contentType("application/x-custom")
                .metadata(Map.of("origin", "source")), RequestBody.fromBytes(content));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:copy")
                        .to("trays3:getObject?bucket=" + bucket + "&key=src/original.dat")
                        .to("trays3:putObjectFile?bucket=" + bucket + "&key=dst/copy.dat");
            }
        });

        Map<String, Object> result = map(template.requestBody("direct:copy", (Object) null));

        assertThat(result.get("Key")).isEqualTo("dst/copy.dat");
        assertThat(sha256(objectBytes("dst/copy.dat"))).isEqualTo(sha256(content));
        HeadObjectResponse head = head("dst/copy.dat");
        // from the body itself: the headers getObject set report the read and are no inputs of the put
        assertThat(head.contentType()).as("the read body's content type carried over").isEqualTo("application/x-custom");
        assertThat(head.metadata()).as("the read body's metadata carried over").containsEntry("origin", "source");
    }

    @Test
    void aGetObjectResultReadAlreadyIsRefusedAsBadInputNamingWhy() throws Exception {
        putObject("src/once.txt", "read me once");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:readThenUpload")
                        .to("trays3:getObject?bucket=" + bucket + "&key=src/once.txt")
                        .process(e -> e.getMessage().getBody(ObjectContent.class).readAllBytes())
                        .to("trays3:putObjectFile?bucket=" + bucket + "&key=dst/twice.txt");
            }
        });

        Throwable thrown = catchThrowable(() -> template.requestBody("direct:readThenUpload", (Object) null));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3InvalidInputException.class)
                .hasMessageContaining("putObjectFile").hasMessageContaining("src/once.txt")
                .hasMessageContaining("already read").hasMessageNotContaining("ProducerTemplate");
        assertThat(keys()).containsExactly("src/once.txt");
    }

    @Test
    void refusesAStringBodyNamingTheAllowedTypes() {
        assertRefusesBody("some text", "java.lang.String");
    }

    @Test
    void refusesAMapBodyNamingTheAllowedTypes() {
        assertRefusesBody(Map.of("not", "a file"), "java.util.");
    }

    @Test
    void refusesAnIntegerBodyNamingTheAllowedTypes() {
        assertRefusesBody(42, "java.lang.Integer");
    }

    @Test
    void refusesANullBody() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=x.bin"), null, Map.of());

        assertThat(e).hasMessageContaining("putObjectFile").hasMessageContaining("null").hasMessageContaining("InputStream");
        assertThat(keys()).isEmpty();
    }

    private void assertRefusesBody(Object body, String typeName) {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=x.bin"), body, Map.of());

        assertThat(e).hasMessageContaining("putObjectFile").hasMessageContaining(typeName)
                .hasMessageContaining("java.io.File").hasMessageContaining("java.nio.file.Path")
                .hasMessageContaining("InputStream").hasMessageContaining("byte[]");
        assertThat(keys()).as("nothing uploaded").isEmpty();
        assertThat(s3.listMultipartUploads(l -> l.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void refusesAMissingFile() {
        File missing = tempDir.resolve("does-not-exist.csv").toFile();

        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=x.csv"), missing, Map.of());

        assertThat(e).hasMessageContaining("putObjectFile").hasMessageContaining(missing.getPath())
                .hasMessageContaining("not a readable regular file");
        assertThat(keys()).isEmpty();
    }

    @Test
    void refusesADirectory() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=x.csv"), tempDir, Map.of());

        assertThat(e).hasMessageContaining("putObjectFile").hasMessageContaining(tempDir.toString());
        assertThat(keys()).isEmpty();
    }

    /** Gives some bytes, then fails the way a broken network or disk read does. */
    private static final class FailingStream extends InputStream {

        static final String MESSAGE = "simulated read failure";
        private final ByteArrayInputStream before;

        FailingStream(byte[] before) {
            this.before = new ByteArrayInputStream(before);
        }

        @Override
        public int read() throws IOException {
            int b = before.read();
            if (b < 0) {
                throw new IOException(MESSAGE);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = before.read(buffer, offset, length);
            if (n < 0) {
                throw new IOException(MESSAGE);
            }
            return n;
        }
    }
}
