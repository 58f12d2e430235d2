package io.trays3;

import org.apache.camel.spi.Metadata;

/** The message headers trays3 reads and writes; a header wins over the URI option of the same name. */
public final class Trays3Constants {

    @Metadata(label = "common", description = "The bucket name; overrides the bucket option. Set by newObjects.",
              javaType = "String")
    public static final String BUCKET = "CamelTrays3Bucket";
    @Metadata(label = "common", description = "The object key; overrides the key option. Set by newObjects.",
              javaType = "String")
    public static final String KEY = "CamelTrays3Key";
    @Metadata(label = "producer", description = "The object version; overrides the versionId option. Set by getObject to"
                                                + " the version it read, which deleteObject and putObjectAcl then leave alone"
                                                + " (they act on the current object) unless the route removes the exchange"
                                                + " property CamelTrays3ReadVersionId.",
              javaType = "String")
    public static final String VERSION_ID = "CamelTrays3VersionId";
    @Metadata(label = "producer", description = "Only list keys that start with this prefix.", javaType = "String")
    public static final String PREFIX = "CamelTrays3Prefix";
    @Metadata(label = "producer", description = "Group keys into CommonPrefixes at this delimiter (usually /).",
              javaType = "String")
    public static final String DELIMITER = "CamelTrays3Delimiter";
    @Metadata(label = "producer", description = "Keys per listing page, 1 to 1000.", javaType = "Integer")
    public static final String MAX_KEYS = "CamelTrays3MaxKeys";
    @Metadata(label = "producer", description = "Continue a listing from this NextContinuationToken.", javaType = "String")
    public static final String CONTINUATION_TOKEN = "CamelTrays3ContinuationToken";
    @Metadata(label = "producer", description = "List keys after this one.", javaType = "String")
    public static final String START_AFTER = "CamelTrays3StartAfter";
    @Metadata(label = "producer", description = "Follow continuation tokens and return every page in one result.",
              javaType = "Boolean")
    public static final String ALL_PAGES = "CamelTrays3AllPages";
    @Metadata(label = "producer", description = "A canned ACL (private, public-read, ...).", javaType = "String")
    public static final String ACL = "CamelTrays3Acl";
    @Metadata(label = "producer",
              description = "The content type: read by the put operations, set by getObject (with Camel's Content-Type),"
                            + " which the put operations then do not take as their input.",
              javaType = "String")
    public static final String CONTENT_TYPE = "CamelTrays3ContentType";
    @Metadata(label = "producer",
              description = "User metadata, sent as x-amz-meta-name headers: read by the put operations, set by getObject,"
                            + " which the put operations then do not take as their input.",
              javaType = "java.util.Map<String, String>")
    public static final String METADATA = "CamelTrays3Metadata";
    @Metadata(label = "producer", description = "Seconds a signed URL stays valid, 1 to 604800; never past the expiry of"
                                                + " the temporary credentials that sign it.", javaType = "Integer")
    public static final String EXPIRES_SECONDS = "CamelTrays3ExpiresSeconds";
    @Metadata(label = "producer", description = "Set by getObjectSignedUrl when the URL may stop working before the"
                                                + " expiresSeconds asked: why. Capped at the expiry of the temporary"
                                                + " credentials that sign it (an assumed role, instance or container"
                                                + " credentials; the body's expires is then that time), or signed with a"
                                                + " session token whose expiry trays3 cannot see. Removed otherwise.",
              javaType = "String")
    public static final String SIGNED_URL_EXPIRY_REASON = "CamelTrays3SignedUrlExpiryReason";
    @Metadata(label = "producer", description = "The HTTP method a signed URL is for: GET or PUT.", javaType = "String")
    public static final String HTTP_METHOD = "CamelTrays3HttpMethod";
    @Metadata(label = "producer", description = "First byte to read (inclusive, from 0).", javaType = "Long")
    public static final String RANGE_FROM = "CamelTrays3RangeFrom";
    @Metadata(label = "producer", description = "Last byte to read (inclusive).", javaType = "Long")
    public static final String RANGE_TO = "CamelTrays3RangeTo";
    @Metadata(label = "producer", description = "copyObject: the bucket to copy to; overrides the destinationBucket option.",
              javaType = "String")
    public static final String DESTINATION_BUCKET = "CamelTrays3DestinationBucket";
    @Metadata(label = "producer", description = "copyObject: the key to copy to; overrides the destinationKey option.",
              javaType = "String")
    public static final String DESTINATION_KEY = "CamelTrays3DestinationKey";
    @Metadata(label = "producer", description = "listBucketObjects: a body read page by page as it is iterated.",
              javaType = "Boolean")
    public static final String STREAMED = "CamelTrays3Streamed";
    @Metadata(label = "producer", description = "deleteMultipleObjects: batches of 1000 keys on the wire at once, 1 to 64.",
              javaType = "Integer")
    public static final String DELETE_CONCURRENCY = "CamelTrays3DeleteConcurrency";
    @Metadata(label = "producer", description = "getObject: ranges fetched at once when the body is converted to a file,"
                                                + " 1 to 64; overrides the downloadConcurrency option.", javaType = "Integer")
    public static final String DOWNLOAD_CONCURRENCY = "CamelTrays3DownloadConcurrency";
    @Metadata(label = "producer", description = "getObject: the length of each range of a parallel download to a file, in"
                                                + " bytes; overrides the downloadPartSize option.", javaType = "Long")
    public static final String DOWNLOAD_PART_SIZE = "CamelTrays3DownloadPartSize";
    @Metadata(label = "producer", description = "deleteMultipleObjects: refuse a body of more keys than this.",
              javaType = "Long")
    public static final String MAX_DELETES = "CamelTrays3MaxDeletes";
    @Metadata(label = "producer", description = "deleteMultipleObjects: report what would be deleted, delete nothing.",
              javaType = "Boolean")
    public static final String DRY_RUN = "CamelTrays3DryRun";
    @Metadata(label = "common", description = "Set by getObject: the length of the content returned; by newObjects: the"
                                              + " object's size.", javaType = "Long")
    public static final String CONTENT_LENGTH = "CamelTrays3ContentLength";
    @Metadata(label = "common", description = "Set by getObject and newObjects: the object's ETag.", javaType = "String")
    public static final String E_TAG = "CamelTrays3ETag";
    @Metadata(label = "common", description = "Set by getObject and newObjects: when the object was last modified"
                                              + " (ISO-8601, UTC).", javaType = "String")
    public static final String LAST_MODIFIED = "CamelTrays3LastModified";

    /**
     * Exchange property set by getObject: the version it read. deleteObject and putObjectAcl do not act on a
     * {@link #VERSION_ID} header that still holds this version (it reports what was read; it is no instruction to destroy
     * that version); remove the property to make them act on it.
     */
    public static final String READ_VERSION_ID = "CamelTrays3ReadVersionId";
    /**
     * Exchange property set by getObject: the content type it read. A {@link #CONTENT_TYPE} header that still holds this
     * value reports the read and is no input of a later operation (a put uses its URI option, its body's own type or its
     * default); remove the property to make the header an input again.
     */
    public static final String READ_CONTENT_TYPE = "CamelTrays3ReadContentType";
    /**
     * Exchange property set by getObject: the metadata it read. A {@link #METADATA} header that still holds this map
     * reports the read and is no input of a later operation; remove the property to make the header an input again.
     */
    public static final String READ_METADATA = "CamelTrays3ReadMetadata";

    /**
     * Exchange property set by long transfers: the latest {@link io.trays3.model.Progress} (done, total, percent,
     * perSecond, etaSeconds), updated at most every progressInterval and once at the end.
     */
    public static final String PROGRESS = io.trays3.model.ProgressMeter.PROPERTY;

    /** camel-aws2-s3's bucket header, honoured when no trays3 bucket header is set. */
    public static final String AWS2_S3_BUCKET = "CamelAwsS3BucketName";
    /** camel-aws2-s3's key header, honoured when no trays3 key header is set. */
    public static final String AWS2_S3_KEY = "CamelAwsS3Key";
    /** camel-aws2-s3's copy destination bucket header, honoured when no trays3 one is set. */
    public static final String AWS2_S3_DESTINATION_BUCKET = "CamelAwsS3BucketDestinationName";
    /** camel-aws2-s3's copy destination key header, honoured when no trays3 one is set. */
    public static final String AWS2_S3_DESTINATION_KEY = "CamelAwsS3DestinationKey";

    private Trays3Constants() {
    }
}
