package io.trays3.fuzz;

import java.util.function.Function;

import io.trays3.support.StubS3Server.Request;
import io.trays3.support.StubS3Server.Response;

/**
 * Answers every request the operations make with a plausible S3 success, so that an input the contract takes leads to a
 * success and anything else is the input's doing.
 */
final class SuccessStub {

    /** What getObject reads; its ETag is its MD5, so the download check passes. */
    static final String CONTENT = "hello";
    private static final String CONTENT_ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";
    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final String MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT";

    private SuccessStub() {
    }

    static Function<Request, Response> handler() {
        return SuccessStub::answer;
    }

    private static Response answer(Request request) {
        String query = request.query() == null ? "" : request.query();
        String path = request.path();
        boolean bucketOnly = path.indexOf('/', 1) < 0;
        return switch (request.method()) {
            case "GET" -> get(path, query, bucketOnly);
            case "HEAD" -> bucketOnly ? new Response(200, "", "x-amz-bucket-region", "us-east-1")
                    : new Response(200, "", "Content-Length", "5", "ETag", CONTENT_ETAG, "Content-Type", "text/plain",
                                   "Last-Modified", MODIFIED);
            case "PUT" -> put(query, request.header("x-amz-copy-source") != null);
            case "POST" -> post(query);
            case "DELETE" -> new Response(204, "");
            default -> new Response(405, "");
        };
    }

    private static Response get(String path, String query, boolean bucketOnly) {
        if (path.equals("/")) {
            return new Response(200, XML + "<ListAllMyBucketsResult" + NS + "><Owner><ID>o</ID><DisplayName>o</DisplayName>"
                                     + "</Owner><Buckets><Bucket><Name>stub-bucket</Name><CreationDate>"
                                     + "2026-12-01T10:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>");
        }
        if (bucketOnly && query.contains("location")) {
            return new Response(200, XML + "<LocationConstraint" + NS + ">eu-west-1</LocationConstraint>");
        }
        if (bucketOnly) {
            return new Response(200, XML + "<ListBucketResult" + NS + "><Name>stub-bucket</Name><Prefix></Prefix>"
                                     + "<KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"
                                     + "<Contents><Key>k</Key><LastModified>2026-12-01T10:00:00.000Z</LastModified>"
                                     + "<ETag>" + CONTENT_ETAG.replace("\"", "&quot;") + "</ETag><Size>5</Size>"
                                     + "<StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>");
        }
        return new Response(200, CONTENT, "ETag", CONTENT_ETAG, "Content-Type", "text/plain", "Last-Modified", MODIFIED);
    }

    private static Response put(String query, boolean copy) {
        if (copy && !query.contains("partNumber")) {
            return new Response(200, XML + "<CopyObjectResult" + NS + "><ETag>&quot;c&quot;</ETag><LastModified>"
                                     + "2026-12-01T10:00:00.000Z</LastModified></CopyObjectResult>");
        }
        return new Response(200, "", "ETag", "\"p\"");
    }

    private static Response post(String query) {
        if (query.contains("delete")) {
            return new Response(200, XML + "<DeleteResult" + NS + "></DeleteResult>");
        }
        if (query.contains("uploads")) {
            return new Response(200, XML + "<InitiateMultipartUploadResult" + NS + "><Bucket>b</Bucket><Key>k</Key>"
                                     + "<UploadId>up-1</UploadId></InitiateMultipartUploadResult>");
        }
        return new Response(200, XML + "<CompleteMultipartUploadResult" + NS + "><Bucket>b</Bucket><Key>k</Key>"
                                 + "<ETag>&quot;m-2&quot;</ETag></CompleteMultipartUploadResult>");
    }
}
