package io.trays3.operation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.support.S3TestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys that need escaping somewhere (URI paths, query strings, signatures, listings) reach S3 unchanged and come back
 * unchanged through every operation that names a key.
 */
class SpecialKeysRoundTripTest extends S3TestSupport {

    /**
     * Spaces, reserved characters, a literal '%' and "%25", non-ASCII letters, 4-byte UTF-8 (emoji), a backslash, a tab
     * and a trailing space. Not here: "//" and a leading "/", which S3 accepts but S3Proxy's HTTP server normalises away
     * even for the plain SDK client; nor "." or ".." segments, which it normalises too and trays3 refuses (README, "Keys
     * with . or .. segments").
     */
    static List<String> specialKeys() {
        return List.of(
                "reports/Q1 2026 (final) + notes=ok&x #1?.txt",
                "données/été/üñî©ødé.txt",
                "a:b/c=d+e.txt",
                "100% sure/50%25off;v=1,2 'quoted' ~tilde! [x] {y} @at $dollar.txt",
                "emoji/😀 🚀/ключ-键.txt",
                "back\\slash\\tab\t/trailing space .txt ");
    }

    /** The keys that can be written inside RAW{...} in a URI (no closing brace; Camel refuses control characters). */
    static List<String> rawSafeKeys() {
        return specialKeys().stream().filter(k -> !k.contains("}") && !k.contains("\t")).toList();
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get").to("trays3:getObject?bucket=" + bucket).convertBodyTo(String.class);
            }
        };
    }

    private static String contentFor(String key) {
        return "content of «" + key + "»";
    }

    private List<String> keysListedByThePlainClient() {
        return s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private Map<String, Object> withKey(String key) {
        return Map.of(Trays3Constants.KEY, key);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specialKeys")
    void putObjectTextStoresTheExactKeyAndGetObjectReadsIt(String key) {
        Map<String, Object> put = map(call("trays3:putObjectText?bucket=" + bucket, contentFor(key), withKey(key)));

        assertThat(put.get("Key")).isEqualTo(key);
        assertThat(keysListedByThePlainClient()).as("keys as the plain SDK client sees them").containsExactly(key);
        assertThat(readObject(key)).isEqualTo(contentFor(key));
        assertThat(template.requestBodyAndHeaders("direct:get", null, withKey(key))).as("getObject through a route")
                .isEqualTo(contentFor(key));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specialKeys")
    void headObjectFindsTheExactKey(String key) {
        putObject(key, contentFor(key));

        Map<String, Object> head = map(call("trays3:headObject?bucket=" + bucket, null, withKey(key)));

        assertThat(head.get("ContentLength")).isEqualTo((long) contentFor(key).getBytes(StandardCharsets.UTF_8).length);
        assertThat(head.get("ETag")).isEqualTo(s3.headObject(h -> h.bucket(bucket).key(key)).eTag());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specialKeys")
    void listBucketObjectsWithTheKeyAsPrefixReturnsExactlyThatKey(String key) {
        putObject(key, contentFor(key));
        putObject("zz-other/neighbour.txt", "not listed");

        Map<String, Object> listing = map(call("trays3:listBucketObjects?bucket=" + bucket, null,
                Map.of(Trays3Constants.PREFIX, key)));

        assertThat(listing.get("Prefix")).isEqualTo(key);
        assertThat(list(listing.get("Contents"))).extracting(o -> o.get("Key")).containsExactly(key);
        assertThat(listing.get("KeyCount")).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specialKeys")
    void aSignedGetUrlFetchedAsReturnedDownloadsTheObject(String key) throws Exception {
        putObject(key, contentFor(key));

        Map<String, Object> file = map(map(call("trays3:getObjectSignedUrl?bucket=" + bucket, null, withKey(key))).get("file"));
        String url = (String) file.get("url");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(file.get("name")).isEqualTo(key.substring(key.lastIndexOf('/') + 1));
        assertThat(response.statusCode()).as("GET %s answered %s", url, response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(contentFor(key));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specialKeys")
    void aSignedPutUrlUploadsUnderTheExactKey(String key) throws Exception {
        Map<String, Object> file = map(map(call("trays3:getObjectSignedUrl?bucket=" + bucket + "&httpMethod=PUT", null,
                withKey(key))).get("file"));
        String url = (String) file.get("url");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(contentFor(key), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("PUT %s answered %s", url, response.body()).isEqualTo(200);
        assertThat(keysListedByThePlainClient()).containsExactly(key);
        assertThat(readObject(key)).isEqualTo(contentFor(key));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rawSafeKeys")
    void aKeyGivenAsARawUriOptionIsTakenLiterally(String key) {
        Map<String, Object> put = map(call("trays3:putObjectText?bucket=" + bucket + "&key=RAW{" + key + "}", contentFor(key),
                Map.of()));

        assertThat(put.get("Key")).isEqualTo(key);
        assertThat(keysListedByThePlainClient()).containsExactly(key);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("specialKeys")
    void putObjectFileStoresTheExactKeyFromCamelFileName(String key) {
        byte[] content = contentFor(key).getBytes(StandardCharsets.UTF_8);

        Map<String, Object> put = map(call("trays3:putObjectFile?bucket=" + bucket, content,
                Map.of(Exchange.FILE_NAME, key)));

        assertThat(put.get("Key")).isEqualTo(key);
        assertThat(keysListedByThePlainClient()).containsExactly(key);
        assertThat(readObject(key)).isEqualTo(contentFor(key));
    }
}
