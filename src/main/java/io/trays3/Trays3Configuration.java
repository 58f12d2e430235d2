package io.trays3;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import io.trays3.model.ProgressListener;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3Client;

/** The options of a trays3 endpoint; the component holds one copy as defaults and each endpoint its own. */
@UriParams
public class Trays3Configuration implements Cloneable {

    /** Delete batches on the wire at once unless deleteConcurrency says otherwise (measured: BENCHMARKS.md). */
    public static final int DEFAULT_DELETE_CONCURRENCY = 4;
    /** Ranges of one download to a file on the wire at once unless downloadConcurrency says otherwise (BENCHMARKS.md). */
    public static final int DEFAULT_DOWNLOAD_CONCURRENCY = 4;
    /** The length of each range of a parallel download, unless downloadPartSize says otherwise: as the upload parts. */
    public static final long DEFAULT_DOWNLOAD_PART_SIZE = 8L * 1024 * 1024;

    /** The value of {@code region} that resolves each bucket's region by itself. */
    public static final String REGION_AUTO = "auto";
    /** Default attempt timeout of calls that move no object data, in milliseconds. */
    public static final long DEFAULT_API_CALL_ATTEMPT_TIMEOUT = 60_000;
    /** Default TCP connect timeout, in milliseconds. */
    public static final long DEFAULT_CONNECTION_TIMEOUT = 5_000;
    /** Default longest time without progress on a connection, in milliseconds. */
    public static final long DEFAULT_SOCKET_TIMEOUT = 30_000;
    /** Default longest wait for a pooled connection, in milliseconds. */
    public static final long DEFAULT_CONNECTION_ACQUISITION_TIMEOUT = 10_000;
    /** Default size of a client's connection pool. */
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    /** Default attempts of one call. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    // The catalog (trays3.json) takes these descriptions through camel-component-maven-plugin, which cleans them as
    // javadoc: it keeps letters, digits, spaces and . , - = ' / \ ! & % ( ) : ; # $ { } and drops anything else (+ * ? <
    // > " among them), so write "with" and "and" rather than symbols. Trays3ComponentTest compares the two.

    // --- connection ---------------------------------------------------------------------------------------------

    @UriParam(label = "security", secret = true,
              description = "AWS access key id. Credentials precedence: accessKey with secretKey (and sessionToken for"
                            + " temporary credentials), then credentialsProvider, then profileName, then the default AWS"
                            + " chain; roleArn assumes a role with whichever applies.")
    private String accessKey;
    @UriParam(label = "security", secret = true, description = "AWS secret access key.")
    private String secretKey;
    @UriParam(label = "security", secret = true, description = "Session token of temporary credentials (with accessKey and"
                                                               + " secretKey).")
    private String sessionToken;
    @UriParam(label = "security",
              description = "A named profile of the shared AWS config and credentials files; used when neither static"
                            + " keys nor a credentialsProvider are set (before the default chain).")
    private String profileName;
    @UriParam(label = "security",
              description = "Role to assume through STS, with the credentials chosen above as the base identity. The"
                            + " assumed credentials refresh by themselves.")
    private String roleArn;
    @UriParam(label = "security", defaultValue = "trays3", description = "Session name when assuming roleArn.")
    private String roleSessionName = "trays3";
    @UriParam(label = "security", secret = true, description = "External id the role's trust policy asks for.")
    private String externalId;
    @UriParam(label = "security", defaultValue = "3600", description = "Lifetime of assumed-role sessions, 900 to 43200"
                                                                       + " seconds.")
    private int durationSeconds = 3600;
    @UriParam(label = "security",
              description = "A credentials provider (autowired when exactly one is bound); used when no static keys are"
                            + " set, before profileName and the default chain.")
    @Metadata(autowired = true)
    private AwsCredentialsProvider credentialsProvider;
    @UriParam(label = "common", defaultValue = REGION_AUTO,
              description = "AWS region, or 'auto' to find each bucket's region by itself (listBuckets needs none).")
    private String region = REGION_AUTO;
    @UriParam(label = "common",
              description = "URI of an S3-compatible server (MinIO, Ceph RGW, S3Proxy, LocalStack) instead of AWS.")
    private String endpointOverride;
    @UriParam(label = "common", description = "Address buckets as http://host/bucket rather than http://bucket.host.")
    private boolean forcePathStyle;
    @UriParam(label = "advanced",
              description = "An S3Client to use instead of building one (autowired when exactly one is bound); trays3"
                            + " never closes it.")
    @Metadata(autowired = true)
    private S3Client s3Client;
    @UriParam(label = "advanced", defaultValue = "WHEN_SUPPORTED",
              description = "The SDK's request checksum calculation; WHEN_REQUIRED for servers that refuse aws-chunked"
                            + " CRC32 uploads.")
    private RequestChecksumCalculation requestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED;
    @UriParam(label = "advanced", defaultValue = "WHEN_SUPPORTED", description = "The SDK's response checksum validation.")
    private ResponseChecksumValidation responseChecksumValidation = ResponseChecksumValidation.WHEN_SUPPORTED;
    @UriParam(label = "advanced", defaultValue = "true",
              description = "Send payloads with aws-chunked encoding; turn off for servers that do not support it.")
    private boolean chunkedEncodingEnabled = true;

    // --- timeouts and retries (see the README, "Timeouts and retries") ---------------------------------------------

    @UriParam(label = "advanced", javaType = "java.time.Duration",
              description = "Longest time one call may take in all, retries included (a duration such as 30s, or"
                            + " milliseconds); 0, the default, sets no total bound, so a long transfer is not cut off"
                            + " because it is long: transfers are bounded by progress (socketTimeout).")
    private long apiCallTimeout;
    @UriParam(label = "advanced", defaultValue = "60s", javaType = "java.time.Duration",
              description = "Longest time one attempt of a call that moves no object data may take (head, list, delete,"
                            + " ACL, bucket calls, starting and aborting uploads); 0 for none. Transfers (get, put, upload"
                            + " parts, complete, copy) are bounded by progress instead.")
    private long apiCallAttemptTimeout = DEFAULT_API_CALL_ATTEMPT_TIMEOUT;
    @UriParam(label = "advanced", defaultValue = "5s", javaType = "java.time.Duration",
              description = "Longest wait to open a TCP connection.")
    private long connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    @UriParam(label = "advanced", defaultValue = "30s", javaType = "java.time.Duration",
              description = "Longest time without progress on a connection: no byte read while waiting for or reading an"
                            + " answer, and no byte of a request body taken by the socket while sending; the attempt then"
                            + " fails and is retried.")
    private long socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration",
              description = "Longest wait for a free connection of the pool (see maxConnections).")
    private long connectionAcquisitionTimeout = DEFAULT_CONNECTION_ACQUISITION_TIMEOUT;
    @UriParam(label = "advanced", defaultValue = "50",
              description = "Connections in the pool of one client; endpoints with the same connection options share"
                            + " one client and its pool.")
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    @UriParam(label = "advanced", defaultValue = "standard", enums = "standard,adaptive,legacy",
              description = "The SDK's retry mode: standard (exponential backoff with jitter, a retry quota), adaptive"
                            + " (standard, plus client-side rate limiting after throttling) or legacy.")
    private String retryMode = "standard";
    @UriParam(label = "advanced", defaultValue = "3",
              description = "Attempts of one call, the first included (1: no retry); transient failures such as 500,"
                            + " 503 SlowDown, resets and timeouts are retried.")
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    @UriParam(label = "advanced", defaultValue = "false",
              description = "Send an upload's headers first and its body only once the server agrees (HTTP Expect:"
                            + " 100-continue): an upload the server refuses (wrong credentials, another region) then"
                            + " costs no body, but every upload waits one round trip more. Off by default, as in the"
                            + " SDK's own default HTTP client: with it on, 1 KiB puts took about 1.5 times as long.")
    private boolean expectContinue;

    // --- per operation ------------------------------------------------------------------------------------------

    @UriParam(label = "common", description = "The bucket (header CamelTrays3Bucket); newObjects: the bucket to consume.")
    private String bucket;
    @UriParam(label = "producer",
              description = "The object key (header CamelTrays3Key; putObjectFile falls back to CamelFileName).")
    private String key;
    @UriParam(label = "common", description = "copyObject: the bucket to copy to (header CamelTrays3DestinationBucket);"
                                              + " newObjects with moveAfterRead: the bucket to move to. The source bucket"
                                              + " when not set.")
    private String destinationBucket;
    @UriParam(label = "producer", description = "copyObject: the key to copy to (header CamelTrays3DestinationKey); the"
                                                + " source key when not set.")
    private String destinationKey;
    @UriParam(label = "producer", description = "A version of the object (header CamelTrays3VersionId).")
    private String versionId;
    @UriParam(label = "common", description = "listBucketObjects and newObjects: keys that start with this prefix.")
    private String prefix;
    @UriParam(label = "producer", description = "listBucketObjects: group keys into CommonPrefixes at this delimiter.")
    private String delimiter;
    @UriParam(label = "producer", description = "listBucketObjects: keys per page, 1 to 1000 (S3's default is 1000).")
    private Integer maxKeys;
    @UriParam(label = "producer", description = "listBucketObjects: continue from this NextContinuationToken.")
    private String continuationToken;
    @UriParam(label = "producer", description = "listBucketObjects: list keys after this one.")
    private String startAfter;
    @UriParam(label = "producer", description = "listBucketObjects: follow continuation tokens and return all pages.")
    private boolean allPages;
    @UriParam(label = "producer",
              enums = "private,public-read,public-read-write,authenticated-read,aws-exec-read,bucket-owner-read,"
                      + "bucket-owner-full-control",
              description = "A canned ACL: for putObjectAcl, and optionally applied by the put operations.")
    private String acl;
    @UriParam(label = "producer",
              description = "Content type of uploads (putObjectText default text/plain; charset=utf-8, putObjectFile from"
                            + " the extension), or the one a PUT signed URL requires.")
    private String contentType;
    @UriParam(label = "producer", defaultValue = "3600", description = "getObjectSignedUrl: validity, 1 to 604800 seconds;"
                                                                      + " never past the expiry of the temporary credentials"
                                                                      + " that sign it (see CamelTrays3SignedUrlExpiryReason).")
    private int expiresSeconds = 3600;
    @UriParam(label = "producer", defaultValue = "GET", enums = "GET,PUT",
              description = "getObjectSignedUrl: the HTTP method the URL is for.")
    private String httpMethod = "GET";
    @UriParam(label = "producer", description = "getObject: first byte to read (inclusive, from 0).")
    private Long rangeFrom;
    @UriParam(label = "producer", description = "getObject: last byte to read (inclusive).")
    private Long rangeTo;
    @UriParam(label = "producer", description = "listBucketObjects: every page, read as the body is iterated (a"
                                                + " StreamedListing for a streaming Split), instead of one result.")
    private boolean streamed;
    @UriParam(label = "producer", defaultValue = "" + DEFAULT_DELETE_CONCURRENCY,
              description = "deleteMultipleObjects: batches of 1000 keys on the wire at once, 1 to 64.")
    private int deleteConcurrency = DEFAULT_DELETE_CONCURRENCY;
    @UriParam(label = "producer", description = "deleteMultipleObjects: refuse, with nothing deleted, a body of more keys"
                                                + " than this.")
    private Long maxDeletes;
    @UriParam(label = "producer", description = "deleteMultipleObjects: report what would be deleted, delete nothing.")
    private boolean dryRun;
    @UriParam(label = "advanced", defaultValue = "5000", description = "Transfers (uploads, downloads, listings, bulk"
                                                + " deletes) report their progress at most this often, in milliseconds.")
    private long progressInterval = 5000;
    @UriParam(label = "advanced", description = "A ProgressListener bean told of the progress of long transfers.")
    private ProgressListener progressListener;

    @UriParam(label = "producer", defaultValue = "true",
              description = "getObject: for a whole object whose ETag is the MD5 of its content (single-part uploads"
                            + " without KMS or customer keys) and whose answer carries no SDK checksum, check that the MD5"
                            + " of what arrived matches; a mismatch fails the read. Turn off only for a server whose ETags"
                            + " are not MD5 digests. A download shorter than announced always fails.")
    private boolean verifyDownloads = true;
    @UriParam(label = "producer", defaultValue = "" + DEFAULT_DOWNLOAD_CONCURRENCY,
              description = "getObject: when the body is converted to a File or Path (convertBodyTo(File.class) before a"
                            + " file endpoint), a whole object of at least two parts is fetched as this many ranges at"
                            + " once, each written at its offset; 1 to 64, 1 for one stream. A stream read keeps one"
                            + " stream.")
    private int downloadConcurrency = DEFAULT_DOWNLOAD_CONCURRENCY;
    @UriParam(label = "producer", defaultValue = "" + DEFAULT_DOWNLOAD_PART_SIZE,
              description = "getObject: the length of each range of a parallel download to a file, in bytes; 1 MiB"
                            + " (1048576) to 1 GiB (1073741824).")
    private long downloadPartSize = DEFAULT_DOWNLOAD_PART_SIZE;

    // --- newObjects, the consumer ----------------------------------------------------------------------------------

    @UriParam(label = "consumer",
              description = "newObjects: where what was delivered is kept, keyed by bucket, key and ETag: claimed before each"
                            + " exchange, confirmed after it, released when it fails (the object is tried again). Default:"
                            + " in memory, for one instance, forgotten on restart; a FileIdempotentRepository survives"
                            + " restarts; a shared JDBC repository (camel-sql) serves several instances.")
    private IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer",
              description = "newObjects: where the objects being processed are claimed, for instances that share"
                            + " idempotentRepository and may die mid-object: with camel-sql's"
                            + " JdbcOrphanLockAwareIdempotentRepository the claims of an instance that died are taken over"
                            + " after its lockMaxAgeMillis. idempotentRepository then records only what was done.")
    private IdempotentRepository inProgressRepository;
    @UriParam(label = "consumer", description = "newObjects: delete each object once its exchange succeeded.")
    private boolean deleteAfterRead;
    @UriParam(label = "consumer",
              description = "newObjects: once its exchange succeeded, copy each object server-side to destinationBucket"
                            + " under destinationPrefix, then delete it.")
    private boolean moveAfterRead;
    @UriParam(label = "consumer",
              description = "newObjects with moveAfterRead: the key prefix of the moved copies (their key is this prefix"
                            + " followed by the source key).")
    private String destinationPrefix;
    @UriParam(label = "consumer", defaultValue = "0",
              description = "newObjects: at most this many exchanges per poll (the next poll goes on); 0 for no limit.")
    private int maxMessagesPerPoll;
    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration",
              description = "newObjects: leave objects modified less than this long ago (milliseconds, or 30s, 5m) to a"
                            + " later poll, so uploads in progress that an S3-compatible server already lists are not"
                            + " picked up half-written.")
    private long minAge;
    @UriParam(label = "consumer",
              description = "newObjects: only keys that match this regular expression (matched against the whole key).")
    private String include;
    @UriParam(label = "consumer",
              description = "newObjects: skip keys that match this regular expression (matched against the whole key).")
    private String exclude;
    @UriParam(label = "consumer",
              description = "newObjects: event mode. The endpoint URI S3 event notifications arrive on (an aws2-sqs queue,"
                            + " a kafka topic with a groupId, ...); each object a notification reports created is delivered"
                            + " as a listing would deliver it. In a URI string, wrap it in RAW(...).")
    private String notifications;
    @UriParam(label = "consumer", defaultValue = "0", javaType = "java.time.Duration",
              description = "newObjects in event mode: also list the bucket this often (milliseconds, or 30s, 5m) to"
                            + " deliver objects whose notification never came; 0 for never.")
    private long reconcileDelay;

    /** A copy for one endpoint, so its URI options do not change the component's defaults. */
    public Trays3Configuration copy() {
        try {
            return (Trays3Configuration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Whether the region is resolved per bucket rather than configured. */
    public boolean isRegionAuto() {
        return region == null || region.isBlank() || REGION_AUTO.equalsIgnoreCase(region.trim());
    }

    /** Whether an S3-compatible server replaces AWS. */
    public boolean hasEndpointOverride() {
        return endpointOverride != null && !endpointOverride.isBlank();
    }

    @Override
    public String toString() {
        // secrets are never printed, only whether they are set
        return "Trays3Configuration[region=" + region + ", endpointOverride=" + endpointOverride
               + ", forcePathStyle=" + forcePathStyle + ", accessKey=" + mask(accessKey) + ", secretKey=" + mask(secretKey)
               + ", sessionToken=" + mask(sessionToken) + ", profileName=" + profileName + ", roleArn=" + roleArn
               + ", bucket=" + bucket + ", key=" + key + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "***";
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    public String getProfileName() {
        return profileName;
    }

    public void setProfileName(String profileName) {
        this.profileName = profileName;
    }

    public String getRoleArn() {
        return roleArn;
    }

    public void setRoleArn(String roleArn) {
        this.roleArn = roleArn;
    }

    public String getRoleSessionName() {
        return roleSessionName;
    }

    public void setRoleSessionName(String roleSessionName) {
        this.roleSessionName = roleSessionName;
    }

    public String getExternalId() {
        return externalId;
    }

    public void setExternalId(String externalId) {
        this.externalId = externalId;
    }

    public int getDurationSeconds() {
        return durationSeconds;
    }

    public void setDurationSeconds(int durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    public AwsCredentialsProvider getCredentialsProvider() {
        return credentialsProvider;
    }

    public void setCredentialsProvider(AwsCredentialsProvider credentialsProvider) {
        this.credentialsProvider = credentialsProvider;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getEndpointOverride() {
        return endpointOverride;
    }

    public void setEndpointOverride(String endpointOverride) {
        this.endpointOverride = endpointOverride;
    }

    public boolean isForcePathStyle() {
        return forcePathStyle;
    }

    public void setForcePathStyle(boolean forcePathStyle) {
        this.forcePathStyle = forcePathStyle;
    }

    public S3Client getS3Client() {
        return s3Client;
    }

    public void setS3Client(S3Client s3Client) {
        this.s3Client = s3Client;
    }

    public RequestChecksumCalculation getRequestChecksumCalculation() {
        return requestChecksumCalculation;
    }

    public void setRequestChecksumCalculation(RequestChecksumCalculation requestChecksumCalculation) {
        this.requestChecksumCalculation = requestChecksumCalculation;
    }

    public ResponseChecksumValidation getResponseChecksumValidation() {
        return responseChecksumValidation;
    }

    public void setResponseChecksumValidation(ResponseChecksumValidation responseChecksumValidation) {
        this.responseChecksumValidation = responseChecksumValidation;
    }

    public boolean isExpectContinue() {
        return expectContinue;
    }

    public void setExpectContinue(boolean expectContinue) {
        this.expectContinue = expectContinue;
    }

    public boolean isChunkedEncodingEnabled() {
        return chunkedEncodingEnabled;
    }

    public void setChunkedEncodingEnabled(boolean chunkedEncodingEnabled) {
        this.chunkedEncodingEnabled = chunkedEncodingEnabled;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getDestinationBucket() {
        return destinationBucket;
    }

    public void setDestinationBucket(String destinationBucket) {
        this.destinationBucket = destinationBucket;
    }

    public String getDestinationKey() {
        return destinationKey;
    }

    public void setDestinationKey(String destinationKey) {
        this.destinationKey = destinationKey;
    }

    public String getVersionId() {
        return versionId;
    }

    public void setVersionId(String versionId) {
        this.versionId = versionId;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public Integer getMaxKeys() {
        return maxKeys;
    }

    public void setMaxKeys(Integer maxKeys) {
        this.maxKeys = maxKeys;
    }

    public String getContinuationToken() {
        return continuationToken;
    }

    public void setContinuationToken(String continuationToken) {
        this.continuationToken = continuationToken;
    }

    public String getStartAfter() {
        return startAfter;
    }

    public void setStartAfter(String startAfter) {
        this.startAfter = startAfter;
    }

    public boolean isAllPages() {
        return allPages;
    }

    public void setAllPages(boolean allPages) {
        this.allPages = allPages;
    }

    public String getAcl() {
        return acl;
    }

    public void setAcl(String acl) {
        this.acl = acl;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public int getExpiresSeconds() {
        return expiresSeconds;
    }

    public void setExpiresSeconds(int expiresSeconds) {
        this.expiresSeconds = expiresSeconds;
    }

    public String getHttpMethod() {
        return httpMethod;
    }

    public void setHttpMethod(String httpMethod) {
        this.httpMethod = httpMethod;
    }

    public Long getRangeFrom() {
        return rangeFrom;
    }

    public void setRangeFrom(Long rangeFrom) {
        this.rangeFrom = rangeFrom;
    }

    public boolean isVerifyDownloads() {
        return verifyDownloads;
    }

    public void setVerifyDownloads(boolean verifyDownloads) {
        this.verifyDownloads = verifyDownloads;
    }

    public int getDownloadConcurrency() {
        return downloadConcurrency;
    }

    public void setDownloadConcurrency(int downloadConcurrency) {
        this.downloadConcurrency = downloadConcurrency;
    }

    public long getDownloadPartSize() {
        return downloadPartSize;
    }

    public void setDownloadPartSize(long downloadPartSize) {
        this.downloadPartSize = downloadPartSize;
    }

    public Long getRangeTo() {
        return rangeTo;
    }

    public void setRangeTo(Long rangeTo) {
        this.rangeTo = rangeTo;
    }

    public long getApiCallTimeout() {
        return apiCallTimeout;
    }

    public void setApiCallTimeout(long apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    public long getApiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public void setApiCallAttemptTimeout(long apiCallAttemptTimeout) {
        this.apiCallAttemptTimeout = apiCallAttemptTimeout;
    }

    public long getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(long connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public long getSocketTimeout() {
        return socketTimeout;
    }

    public void setSocketTimeout(long socketTimeout) {
        this.socketTimeout = socketTimeout;
    }

    public long getConnectionAcquisitionTimeout() {
        return connectionAcquisitionTimeout;
    }

    public void setConnectionAcquisitionTimeout(long connectionAcquisitionTimeout) {
        this.connectionAcquisitionTimeout = connectionAcquisitionTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getRetryMode() {
        return retryMode;
    }

    public void setRetryMode(String retryMode) {
        this.retryMode = retryMode;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public IdempotentRepository getInProgressRepository() {
        return inProgressRepository;
    }

    public void setInProgressRepository(IdempotentRepository inProgressRepository) {
        this.inProgressRepository = inProgressRepository;
    }

    public boolean isDeleteAfterRead() {
        return deleteAfterRead;
    }

    public void setDeleteAfterRead(boolean deleteAfterRead) {
        this.deleteAfterRead = deleteAfterRead;
    }

    public boolean isMoveAfterRead() {
        return moveAfterRead;
    }

    public void setMoveAfterRead(boolean moveAfterRead) {
        this.moveAfterRead = moveAfterRead;
    }

    public String getDestinationPrefix() {
        return destinationPrefix;
    }

    public void setDestinationPrefix(String destinationPrefix) {
        this.destinationPrefix = destinationPrefix;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public long getMinAge() {
        return minAge;
    }

    public void setMinAge(long minAge) {
        this.minAge = minAge;
    }

    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = include;
    }

    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getNotifications() {
        return notifications;
    }

    public void setNotifications(String notifications) {
        this.notifications = notifications;
    }

    public long getReconcileDelay() {
        return reconcileDelay;
    }

    public void setReconcileDelay(long reconcileDelay) {
        this.reconcileDelay = reconcileDelay;
    }

    public boolean isStreamed() {
        return streamed;
    }

    public void setStreamed(boolean streamed) {
        this.streamed = streamed;
    }

    public int getDeleteConcurrency() {
        return deleteConcurrency;
    }

    public void setDeleteConcurrency(int deleteConcurrency) {
        this.deleteConcurrency = deleteConcurrency;
    }

    public Long getMaxDeletes() {
        return maxDeletes;
    }

    public void setMaxDeletes(Long maxDeletes) {
        this.maxDeletes = maxDeletes;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public ProgressListener getProgressListener() {
        return progressListener;
    }

    public void setProgressListener(ProgressListener progressListener) {
        this.progressListener = progressListener;
    }
}
