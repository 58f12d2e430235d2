package io.trays3.client;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.Trays3Component;
import io.trays3.Trays3ServiceException;
import io.trays3.support.StubS3Server;
import io.trays3.support.Trays3Contexts;
import io.trays3.support.StubS3Server.Request;
import io.trays3.support.StubS3Server.Response;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Regions that just work: a stub answers like S3 for a bucket in eu-west-1 (a 301 or 400 naming x-amz-bucket-region to
 * requests signed for another region, success to requests signed for eu-west-1).
 */
class RegionsTest {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/s3/");
    private static final String LISTING = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult "
            + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>eu-bucket</Name><Prefix></Prefix><KeyCount>0</KeyCount>"
            + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>";

    private StubS3Server stub;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (stub != null) {
            stub.close();
        }
    }

    private static String signedRegion(Request request) {
        Matcher m = SCOPE.matcher(String.valueOf(request.header("Authorization")));
        return m.find() ? m.group(1) : null;
    }

    private static Response euBucket(Request request, boolean answer400) {
        if ("eu-west-1".equals(signedRegion(request))) {
            return "HEAD".equals(request.method()) ? new Response(200, "", "x-amz-bucket-region", "eu-west-1")
                    : new Response(200, LISTING);
        }
        return answer400
                ? new Response(400, StubS3Server.errorXml("AuthorizationHeaderMalformed", "the region 'us-east-1' is wrong;"
                                                          + " expecting 'eu-west-1'", "R1"), "x-amz-bucket-region", "eu-west-1")
                : new Response(301, "HEAD".equals(request.method()) ? "" : StubS3Server.errorXml("PermanentRedirect",
                        "The bucket you are attempting to access must be addressed using the specified endpoint.", "R2"),
                        "x-amz-bucket-region", "eu-west-1");
    }

    private ProducerTemplate start(String region) {
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", "stub-secret").andThen(c -> {
            if (region != null) {
                c.setRegion(region);
            }
        }));
        return context.createProducerTemplate();
    }

    @Test
    void autoFollowsA301ToTheBucketsRegionOnceAndThenSignsForItDirectly() throws Exception {
        stub = StubS3Server.routing(r -> euBucket(r, false));
        ProducerTemplate template = start(null);

        template.requestBody("trays3:listBucketObjects?bucket=eu-bucket", (Object) null);
        template.requestBody("trays3:listBucketObjects?bucket=eu-bucket", (Object) null);

        assertThat(stub.seen()).extracting(RegionsTest::signedRegion)
                .containsExactly("us-east-1", "eu-west-1", "eu-west-1");
    }

    @Test
    void autoAlsoFollowsA400AuthorizationHeaderMalformed() throws Exception {
        stub = StubS3Server.routing(r -> euBucket(r, true));
        ProducerTemplate template = start("auto");

        Object result = template.requestBody("trays3:listBucketObjects?bucket=eu-bucket", (Object) null);

        assertThat(((Map<?, ?>) result).get("Name")).isEqualTo("eu-bucket");
        assertThat(stub.seen()).extracting(RegionsTest::signedRegion).containsExactly("us-east-1", "eu-west-1");
    }

    @Test
    void signedUrlsAreSignedForTheBucketsRegionLearntOnce() throws Exception {
        stub = StubS3Server.routing(r -> euBucket(r, false));
        ProducerTemplate template = start(null);

        Map<?, ?> first = (Map<?, ?>) template.requestBody("trays3:getObjectSignedUrl?bucket=eu-bucket&key=a.txt",
                                                           (Object) null);
        Map<?, ?> second = (Map<?, ?>) template.requestBody("trays3:getObjectSignedUrl?bucket=eu-bucket&key=b.txt",
                                                            (Object) null);

        assertThat((String) ((Map<?, ?>) first.get("file")).get("url")).contains("%2Feu-west-1%2Fs3%2Faws4_request");
        assertThat((String) ((Map<?, ?>) second.get("file")).get("url")).contains("%2Feu-west-1%2Fs3%2Faws4_request");
        // one HeadBucket redirect, then the retry: the region is not asked again for the second URL
        assertThat(stub.requests()).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("HEAD /eu-bucket"));
    }

    @Test
    void theComponentsRegionCacheStopsAtAThousandBucketsAndStillAnswers() throws Exception {
        stub = StubS3Server.routing(r -> new Response(200, "", "x-amz-bucket-region", "eu-west-1"));
        ProducerTemplate template = start(null);
        BucketRegions regions = context.getComponent("trays3", Trays3Component.class).getBucketRegions();
        assertThat(regions.maximum()).isEqualTo(1_000);

        assertThat(signedUrl(template, "first-bucket")).contains("%2Feu-west-1%2Fs3%2Faws4_request");
        // a thousand other buckets learnt since (as many HeadBuckets would fill it, only slower)
        for (int i = 0; i < BucketRegions.MAX_BUCKETS; i++) {
            regions.putIfAbsent("elsewhere bucket-" + i, Region.EU_WEST_2);
        }
        assertThat(regions.size()).isEqualTo(BucketRegions.MAX_BUCKETS);
        assertThat(stub.requests()).hasSize(1);

        // forgotten as the least recently used: asked again, and remembered again
        assertThat(signedUrl(template, "first-bucket")).contains("%2Feu-west-1%2Fs3%2Faws4_request");
        assertThat(stub.requests()).hasSize(2);
        assertThat(signedUrl(template, "first-bucket")).contains("%2Feu-west-1%2Fs3%2Faws4_request");
        assertThat(stub.requests()).as("answered from the cache").hasSize(2).allMatch(r -> r.startsWith("HEAD /first-bucket"));
        assertThat(regions.size()).isEqualTo(BucketRegions.MAX_BUCKETS);
        assertThat(regions.snapshot()).doesNotContainKey("elsewhere bucket-0").containsKey("elsewhere bucket-1");
    }

    @Test
    void theRegionCacheForgetsTheLeastRecentlyUsedBucket() throws Exception {
        BucketRegions regions = new BucketRegions(2);
        regions.putIfAbsent("a", Region.EU_WEST_1);
        regions.putIfAbsent("b", Region.EU_WEST_2);
        assertThat(regions.get("a")).isEqualTo(Region.EU_WEST_1);
        regions.putIfAbsent("c", Region.EU_WEST_3);

        assertThat(regions.snapshot()).containsExactly(Map.entry("a", Region.EU_WEST_1), Map.entry("c", Region.EU_WEST_3));
        regions.putIfAbsent("a", Region.US_EAST_1);
        assertThat(regions.get("a")).as("a known region is not replaced").isEqualTo(Region.EU_WEST_1);
    }

    private static String signedUrl(ProducerTemplate template, String bucket) {
        Map<?, ?> answer = (Map<?, ?>) template.requestBodyAndHeader("trays3:getObjectSignedUrl?key=a.txt", null,
                                                                     "CamelTrays3Bucket", bucket);
        return (String) ((Map<?, ?>) answer.get("file")).get("url");
    }

    @Test
    void aBucketWhoseRegionS3DidNotNameIsAskedAgainNotRememberedAsUsEast1() throws Exception {
        AtomicBoolean created = new AtomicBoolean();
        stub = StubS3Server.routing(r -> created.get() ? euBucket(r, false)
                : new Response(404, "", "x-amz-request-id", "R404"));
        ProducerTemplate template = start(null);

        Map<?, ?> before = (Map<?, ?>) template.requestBody("trays3:getObjectSignedUrl?bucket=eu-bucket&key=a.txt",
                                                            (Object) null);
        created.set(true);
        Map<?, ?> after = (Map<?, ?>) template.requestBody("trays3:getObjectSignedUrl?bucket=eu-bucket&key=a.txt",
                                                           (Object) null);

        assertThat((String) ((Map<?, ?>) before.get("file")).get("url")).as("no region named yet: the client's")
                .contains("%2Fus-east-1%2Fs3%2Faws4_request");
        assertThat((String) ((Map<?, ?>) after.get("file")).get("url")).as("asked again once the bucket exists")
                .contains("%2Feu-west-1%2Fs3%2Faws4_request");
    }

    @Test
    void anExplicitRegionIsHonouredAsGivenAndARedirectSaysWhichRegionToSet() throws Exception {
        stub = StubS3Server.routing(r -> euBucket(r, false));
        ProducerTemplate template = start("ap-south-1");

        Throwable thrown = catchThrowable(() -> template.requestBody("trays3:listBucketObjects?bucket=eu-bucket",
                                                                   (Object) null));

        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(Trays3ServiceException.class)
                .hasMessageContaining("set region=eu-west-1 or region=auto");
        assertThat(((Trays3ServiceException) thrown.getCause()).getStatusCode()).isEqualTo(301);
        assertThat(stub.seen()).extracting(RegionsTest::signedRegion).containsExactly("ap-south-1");
    }

    @Test
    void s3CompatibleServicesOwnRegionNamesAreUsedForSigning() throws Exception {
        stub = StubS3Server.answering(200, LISTING);
        ProducerTemplate template = start("garage");

        template.requestBody("trays3:listBucketObjects?bucket=eu-bucket", (Object) null);

        assertThat(stub.seen()).extracting(RegionsTest::signedRegion).containsExactly("garage");
    }
}
