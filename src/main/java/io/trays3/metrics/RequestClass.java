package io.trays3.metrics;

import java.util.List;

/**
 * How S3 prices a request: its list prices come in these classes. The class follows from the S3 request itself (what
 * goes on the wire), so an operation of several requests is priced request by request: a multipart upload is one
 * CreateMultipartUpload, its UploadParts and a CompleteMultipartUpload; a copyObject one HeadObject and one CopyObject.
 */
public enum RequestClass {

    /** PUT, COPY, POST and LIST requests. */
    PUT_COPY_POST_LIST("put-copy-post-list"),
    /** GET, HEAD, SELECT and every other request. */
    GET_HEAD("get-head"),
    /** DELETE and CANCEL requests (aborting a multipart upload), which S3 does not charge. */
    DELETE_CANCEL("delete-cancel");

    /** S3 request names that start with one of these are PUT, COPY, POST or LIST requests. */
    private static final List<String> WRITES_AND_LISTS = List.of("Put", "Copy", "Create", "Complete", "Upload", "List",
            "Restore", "Write");
    /** ... and with one of these DELETE or CANCEL requests. */
    private static final List<String> DELETES = List.of("Delete", "Abort");

    private final String tag;

    RequestClass(String tag) {
        this.tag = tag;
    }

    /** The class of an S3 request, by its name in the S3 API ({@code PutObject}, {@code HeadBucket}, ...). */
    public static RequestClass of(String s3Request) {
        if (DELETES.stream().anyMatch(s3Request::startsWith)) {
            return DELETE_CANCEL;
        }
        if (WRITES_AND_LISTS.stream().anyMatch(s3Request::startsWith)) {
            return PUT_COPY_POST_LIST;
        }
        return GET_HEAD;
    }

    /** The value of the {@code class} tag. */
    public String tag() {
        return tag;
    }
}
