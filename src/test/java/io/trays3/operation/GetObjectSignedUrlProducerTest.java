package io.trays3.operation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.trays3.Trays3Constants;
import io.trays3.Trays3InvalidInputException;
import io.trays3.support.CloseRecordingCredentials;
import io.trays3.support.S3TestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.within;

class GetObjectSignedUrlProducerTest extends S3TestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    protected boolean versionedBucket() {
        return true;
    }

    private String uri(String options) {
        return "trays3:getObjectSignedUrl?bucket=" + bucket + options;
    }

    /** The {"file":{...}} object of a result, checked to be the whole result. */
    private static Map<String, Object> file(Object result) {
        Map<String, Object> body = map(result);
        assertThat(body.keySet()).as("top-level fields").containsExactly("file");
        return map(body.get("file"));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void returnsTheConnectorShapeWithNameMimeTypeAndExpiry() {
        Instant before = Instant.now();

        Map<String, Object> file = file(call(uri("&key=reports/2026/summary.csv&expiresSeconds=900")));

        assertThat(file.keySet()).containsExactly("name", "url", "mime_type", "expires");
        assertThat(file.get("name")).as("last path segment of the key").isEqualTo("summary.csv");
        assertThat(file.get("mime_type")).isEqualTo("text/csv");
        assertThat((String) file.get("url")).startsWith(target.endpoint().toString())
                .contains("reports/2026/summary.csv").contains("X-Amz-Expires=900")
                .doesNotContain(target.secretKey());
        String expires = (String) file.get("expires");
        assertThat(expires).as("ISO-8601 UTC").endsWith("Z");
        assertThat(Instant.parse(expires)).isCloseTo(before.plusSeconds(900), within(Duration.ofSeconds(30)));
        String signedAt = ((String) file.get("url")).replaceAll(".*[?&]X-Amz-Date=(\\d{8}T\\d{6}Z).*", "$1");
        assertThat(Instant.parse(expires)).as("exactly when the URL stops working: its signing time + 900 s")
                .isEqualTo(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").parse(signedAt, Instant::from).plusSeconds(900));
    }

    @Test
    void defaultsToOneHour() {
        Instant before = Instant.now();

        Map<String, Object> file = file(call(uri("&key=a.json")));

        assertThat(file.get("mime_type")).isEqualTo("application/json");
        assertThat((String) file.get("url")).contains("X-Amz-Expires=3600");
        assertThat(Instant.parse((String) file.get("expires"))).isCloseTo(before.plusSeconds(3600),
                within(Duration.ofSeconds(30)));
    }

    @Test
    void anUnknownExtensionGivesOctetStream() {
        Map<String, Object> file = file(call(uri("&key=folder/blob.unknownext")));

        assertThat(file.get("name")).isEqualTo("blob.unknownext");
        assertThat(file.get("mime_type")).isEqualTo("application/octet-stream");
    }

    @Test
    void theGetUrlDownloadsTheObjectWithAPlainHttpClient() throws Exception {
        putObject("shared/hello.txt", "hello over plain HTTP");

        String url = (String) file(call(uri("&key=shared/hello.txt"))).get("url");
        HttpResponse<String> response = get(url);

        assertThat(response.statusCode()).as("status of GET %s: %s", url, response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello over plain HTTP");
    }

    @Test
    void signsLocallySoAUrlForAMissingObjectIsMadeAndAnswers404() throws Exception {
        Map<String, Object> file = file(call(uri("&key=not/there.txt")));

        assertThat(get((String) file.get("url")).statusCode()).isEqualTo(404);
    }

    @Test
    void aTamperedUrlIsRefusedByTheServer() throws Exception {
        assumeTrue(target.checksPresignedUrls(), target.name() + " does not check presigned URL signatures");
        putObject("shared/hello.txt", "hello");
        putObject("shared/other.txt", "not for you");

        String url = (String) file(call(uri("&key=shared/hello.txt"))).get("url");
        HttpResponse<String> response = get(url.replace("shared/hello.txt", "shared/other.txt"));

        assertThat(response.statusCode()).as("the server checks the signature").isEqualTo(403);
    }

    @Test
    void headersWinOverUriOptions() {
        Map<String, Object> file = file(call(uri("&key=ignored.txt&expiresSeconds=60"), null,
                Map.of(Trays3Constants.KEY, "from/header.pdf", Trays3Constants.EXPIRES_SECONDS, 120)));

        assertThat(file.get("name")).isEqualTo("header.pdf");
        assertThat(file.get("mime_type")).isEqualTo("application/pdf");
        assertThat((String) file.get("url")).contains("from/header.pdf").contains("X-Amz-Expires=120");
    }

    @Test
    void honoursTheVersionId() throws Exception {
        String v1 = s3.putObject(p -> p.bucket(bucket).key("v.txt"), RequestBody.fromString("first")).versionId();
        String v2 = s3.putObject(p -> p.bucket(bucket).key("v.txt"), RequestBody.fromString("second")).versionId();
        assertThat(v1).as("versions kept by the server").isNotNull().isNotEqualTo(v2);

        String oldUrl = (String) file(call(uri("&key=v.txt&versionId=" + v1))).get("url");
        String latestUrl = (String) file(call(uri("&key=v.txt"))).get("url");

        assertThat(oldUrl).contains("versionId=");
        assertThat(get(oldUrl).body()).isEqualTo("first");
        assertThat(get(latestUrl).body()).isEqualTo("second");
    }

    @Test
    void aPutUrlUploadsWithAPlainHttpPut() throws Exception {
        String url = (String) file(call(uri("&key=uploads/in.txt&httpMethod=PUT"))).get("url");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("uploaded without an SDK")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status of PUT: %s", response.body()).isEqualTo(200);
        assertThat(readObject("uploads/in.txt")).isEqualTo("uploaded without an SDK");
    }

    @Test
    void aPutUrlSignedForAContentTypeUploadsWithThatContentType() throws Exception {
        String url = (String) file(call(uri("&key=uploads/in.csv&httpMethod=put&contentType=text/csv"))).get("url");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("a,b\n")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status of PUT: %s", response.body()).isEqualTo(200);
        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key("uploads/in.csv"));
        assertThat(head.contentType()).isEqualTo("text/csv");
    }

    @Test
    void aGetUrlDoesNotAllowUploads() throws Exception {
        assumeTrue(target.checksPresignedUrls(), target.name() + " does not check presigned URL signatures");
        String url = (String) file(call(uri("&key=uploads/sneaky.txt"))).get("url");

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("sneaky")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void refusesZeroExpiresSeconds() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=a.txt&expiresSeconds=0"), null,
                Map.of());

        assertThat(e.getInput()).isEqualTo("option 'expiresSeconds'");
        assertThat(e.getValue()).isEqualTo("0");
        assertThat(e).hasMessageContaining("getObjectSignedUrl").hasMessageContaining("expiresSeconds")
                .hasMessageContaining("1 to 604800");
    }

    @Test
    void refusesExpiresSecondsBeyondSevenDays() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=a.txt&expiresSeconds=604801"),
                null, Map.of());

        assertThat(e.getInput()).isEqualTo("option 'expiresSeconds'");
        assertThat(e.getValue()).isEqualTo("604801");
        assertThat(e).hasMessageContaining("getObjectSignedUrl").hasMessageContaining("expiresSeconds")
                .hasMessageContaining("1 to 604800");
    }

    @Test
    void refusesAnOutOfRangeHeaderNamingTheHeader() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=a.txt"), null,
                Map.of(Trays3Constants.EXPIRES_SECONDS, 604_801));

        assertThat(e.getInput()).isEqualTo("header " + Trays3Constants.EXPIRES_SECONDS);
        assertThat(e.getValue()).isEqualTo("604801");
        assertThat(e).hasMessageContaining("1 to 604800");
    }

    @Test
    void acceptsExactlySevenDays() {
        Map<String, Object> file = file(call(uri("&key=a.txt&expiresSeconds=604800")));

        assertThat((String) file.get("url")).contains("X-Amz-Expires=604800");
    }

    @Test
    void refusesAnHttpMethodOtherThanGetOrPut() {
        Trays3InvalidInputException e = failure(Trays3InvalidInputException.class, uri("&key=a.txt&httpMethod=DELETE"), null,
                Map.of());

        assertThat(e.getInput()).isEqualTo("option 'httpMethod'");
        assertThat(e.getValue()).isEqualTo("DELETE");
        assertThat(e).hasMessageContaining("getObjectSignedUrl").hasMessageContaining("GET, PUT");
    }

    @Test
    void anExpiredUrlIsRefusedByTheServer() throws Exception {
        assumeTrue(target.checksPresignedUrls(), target.name() + " does not check presigned URL signatures");
        putObject("soon-gone.txt", "short-lived");
        String url = (String) file(call(uri("&key=soon-gone.txt&expiresSeconds=1"))).get("url");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = get(url);
        while (response.statusCode() != 403 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = get(url);
        }

        assertThat(response.statusCode()).as("status once the URL has expired (polled up to 10 s)").isEqualTo(403);
        assertThat(response.body()).as("the server's reason").containsIgnoringCase("expired");
    }

    @Test
    void withAnS3ClientBeanTheGetUrlDownloadsTheObject() throws Exception {
        putObject("bean/hello.txt", "signed with the bean's settings");
        CloseRecordingCredentials credentials = new CloseRecordingCredentials(target.accessKey(), target.secretKey());
        try (S3Client bean = beanClient(credentials)) {
            context.getRegistry().bind("beanClient", bean);

            String url = (String) file(call(uri("&key=bean/hello.txt&s3Client=#beanClient"))).get("url");
            HttpResponse<String> response = get(url);

            assertThat(url).as("signed for the bean's endpoint").startsWith(target.endpoint().toString());
            assertThat(response.statusCode()).as("status of GET %s: %s", url, response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("signed with the bean's settings");
        }
    }

    @Test
    void stoppingTheEndpointLeavesAnS3ClientBeanAndItsCredentialsOpen() {
        putObject("bean/kept.txt", "still readable");
        CloseRecordingCredentials credentials = new CloseRecordingCredentials(target.accessKey(), target.secretKey());
        try (S3Client bean = beanClient(credentials)) {
            context.getRegistry().bind("beanClient", bean);
            String uri = uri("&key=bean/kept.txt&s3Client=#beanClient");
            call(uri);

            context.stop();

            assertThat(credentials.isClosed()).as("the bean's credentials provider was closed by trays3").isFalse();
            assertThat(bean.getObjectAsBytes(g -> g.bucket(bucket).key("bean/kept.txt")).asUtf8String())
                    .isEqualTo("still readable");
        }
    }

    private S3Client beanClient(AwsCredentialsProvider credentials) {
        return S3Client.builder()
                .endpointOverride(target.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
    }
}
