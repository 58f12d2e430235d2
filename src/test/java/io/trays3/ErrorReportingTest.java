package io.trays3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.trays3.support.StubContextSupport;
import io.trays3.support.StubS3Server;
import io.trays3.support.StubS3Server.Response;
import io.trays3.support.Trays3Contexts;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** S3 errors that a real server will not produce on demand, from a stub over HTTP through the real SDK. */
class ErrorReportingTest extends StubContextSupport {

    private static final String SECRET = "stub-secret-Kx81Zr";

    private Throwable call(String uri, Object body, Map<String, Object> headers) {
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", SECRET));
        ProducerTemplate template = context.createProducerTemplate();
        Throwable thrown = catchThrowable(() -> template.requestBodyAndHeaders(uri, body, headers));
        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        return thrown.getCause();
    }

    @Test
    void accessDeniedNamesTheIamActionsAndResourceThatWereNeeded() throws Exception {
        stub = StubS3Server.answering(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-42"),
                                      "x-amz-request-id", "REQ-42");

        Throwable cause = call("trays3:putObjectText?bucket=reports&key=q1/summary.txt&acl=public-read", "text", Map.of());

        assertThat(cause).isInstanceOf(Trays3AccessDeniedException.class);
        Trays3AccessDeniedException denied = (Trays3AccessDeniedException) cause;
        assertThat(denied.getRequiredActions()).containsExactly("s3:PutObject", "s3:PutObjectAcl");
        assertThat(denied.getResource()).isEqualTo("arn:aws:s3:::reports/q1/summary.txt");
        assertThat(denied.getErrorCode()).isEqualTo("AccessDenied");
        assertThat(denied.getStatusCode()).isEqualTo(403);
        assertThat(denied.getRequestId()).isEqualTo("REQ-42");
        assertThat(denied.getOperation()).isEqualTo("putObjectText");
        assertThat(denied).hasMessageContaining("s3:PutObject and s3:PutObjectAcl on arn:aws:s3:::reports/q1/summary.txt")
                .hasMessageContaining("REQ-42");
        assertThat(denied.getMessage()).doesNotContain(SECRET).doesNotContain("Signature=");
    }

    @Test
    void accessDeniedOnPutObjectFileAlsoNamesTheAbortOfAFailedMultipartUpload() throws Exception {
        stub = StubS3Server.answering(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-44"));

        Throwable cause = call("trays3:putObjectFile?bucket=reports&key=q1/data.bin&acl=private", new byte[] {1, 2, 3},
                               Map.of());

        Trays3AccessDeniedException denied = (Trays3AccessDeniedException) cause;
        assertThat(denied.getRequiredActions()).containsExactly("s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl");
        assertThat(denied).hasMessageContaining("The credentials need s3:PutObject, s3:AbortMultipartUpload and"
                                                + " s3:PutObjectAcl on arn:aws:s3:::reports/q1/data.bin");
    }

    @Test
    void routesCatchTheFamilyWithOnException() throws Exception {
        stub = StubS3Server.answering(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-43"));
        context = Trays3Contexts.pointedAt(stub.endpoint(), Trays3Contexts.keys("AKIASTUB", SECRET));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(Trays3Exception.class).handled(true)
                        .setBody(simple("${exception.operation} ${exception.bucket}/${exception.key}: "
                                        + "${exception.requiredActions} on ${exception.resource}"));
                from("direct:upload").to("trays3:putObjectText?bucket=reports&key=a.txt");
            }
        });

        Object body = context.createProducerTemplate().requestBody("direct:upload", "text");

        assertThat(body).isEqualTo("putObjectText reports/a.txt: [s3:PutObject] on arn:aws:s3:::reports/a.txt");
    }

    @Test
    void accessDeniedOnAVersionNamesTheVersionAction() throws Exception {
        stub = StubS3Server.answering(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-7"));

        Throwable cause = call("trays3:deleteObject?bucket=reports&key=a.txt&versionId=v1", null, Map.of());

        assertThat(((Trays3AccessDeniedException) cause).getRequiredActions())
                .containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
    }

    @Test
    void accessDeniedOnListBucketsNamesTheAccountLevelAction() throws Exception {
        stub = StubS3Server.answering(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-8"));

        Throwable cause = call("trays3:listBucketsDdl", null, Map.of());

        Trays3AccessDeniedException denied = (Trays3AccessDeniedException) cause;
        assertThat(denied.getRequiredActions()).containsExactly("s3:ListAllMyBuckets");
        assertThat(denied.getResource()).isEqualTo("*");
    }

    @Test
    void accessDeniedOnBucketOperationsNamesTheBucketArn() throws Exception {
        stub = StubS3Server.answering(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-9"));

        Throwable cause = call("trays3:listBucketObjects?bucket=inbox", null, Map.of());

        Trays3AccessDeniedException denied = (Trays3AccessDeniedException) cause;
        assertThat(denied.getRequiredActions()).containsExactly("s3:ListBucket");
        assertThat(denied.getResource()).isEqualTo("arn:aws:s3:::inbox");
    }

    @Test
    void otherServiceErrorsCarryCodeStatusAndRequestId() throws Exception {
        stub = StubS3Server.answering(409, StubS3Server.errorXml("OperationAborted", "A conflicting operation", "REQ-5"),
                                      "x-amz-request-id", "REQ-5");

        Throwable cause = call("trays3:putObjectAcl?bucket=b-1&key=k&acl=private", null, Map.of());

        assertThat(cause).isExactlyInstanceOf(Trays3ServiceException.class);
        Trays3ServiceException error = (Trays3ServiceException) cause;
        assertThat(error.getErrorCode()).isEqualTo("OperationAborted");
        assertThat(error.getStatusCode()).isEqualTo(409);
        assertThat(error.getRequestId()).isEqualTo("REQ-5");
        assertThat(error.getBucket()).isEqualTo("b-1");
        assertThat(error.getKey()).isEqualTo("k");
    }

    @Test
    void badInputIsRefusedBeforeAnyRequestReachesTheServer() throws Exception {
        stub = StubS3Server.answering(200, "");

        Throwable cause = call("trays3:getObjectSignedUrl?bucket=ok-bucket&key=k&expiresSeconds=604801", null, Map.of());

        assertThat(cause).isInstanceOf(Trays3InvalidInputException.class)
                .hasMessageContaining("getObjectSignedUrl").hasMessageContaining("expiresSeconds")
                .hasMessageContaining("604801").hasMessageContaining("1 to 604800");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void anUnsupportedSigningMethodIsRefusedBeforeTheRegionIsLookedUp() throws Exception {
        stub = StubS3Server.answering(200, "", "x-amz-bucket-region", "eu-west-1");

        Throwable cause = call("trays3:getObjectSignedUrl?bucket=ok-bucket&key=k&region=auto&httpMethod=POST", null, Map.of());

        assertThat(cause).isInstanceOf(Trays3InvalidInputException.class).hasMessageContaining("getObjectSignedUrl")
                .hasMessageContaining("httpMethod").hasMessageContaining("POST").hasMessageContaining("GET, PUT");
        assertThat(stub.requests()).as("no HeadBucket to learn the region").isEmpty();
    }

    @Test
    void aBatchRefusedAfterEarlierOnesSaysWhatTheyAlreadyDeletedAndNamesTheVersionAction() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        StringBuilder deletedXml = new StringBuilder("<DeleteResult>");
        for (int i = 0; i < 1000; i++) {
            deletedXml.append("<Deleted><Key>k").append(i).append("</Key><VersionId>v").append(i)
                    .append("</VersionId></Deleted>");
        }
        String firstBatch = deletedXml.append("</DeleteResult>").toString();
        stub = StubS3Server.routing(r -> batches.incrementAndGet() == 1 ? new Response(200, firstBatch)
                : new Response(403, StubS3Server.errorXml("AccessDenied", "Access Denied", "REQ-B2")));
        List<Map<String, String>> body = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            body.add(Map.of("Key", "k" + i, "VersionId", "v" + i));
        }

        Throwable cause = call("trays3:deleteMultipleObjects?bucket=versioned-bucket&deleteConcurrency=1", body, Map.of());

        assertThat(cause).isInstanceOf(Trays3AccessDeniedException.class)
                .hasMessageContaining("other batches already deleted 1000 and failed 0 of 1500 keys");
        assertThat(((Trays3AccessDeniedException) cause).getRequiredActions()).as("the body names versions")
                .containsExactly("s3:DeleteObject", "s3:DeleteObjectVersion");
        assertThat(batches).hasValue(2);
    }

    @Test
    void anUnreachableServerIsATrays3ExceptionNamingTheOperation() throws Exception {
        stub = StubS3Server.answering(200, "");
        stub.close();

        Throwable cause = call("trays3:headObject?bucket=some-bucket&key=k", null, Map.of());

        assertThat(cause).isExactlyInstanceOf(Trays3Exception.class)
                .hasMessageContaining("headObject").hasMessageContaining("some-bucket/k");
        assertThat(cause.getMessage()).doesNotContain(SECRET);
    }
}
