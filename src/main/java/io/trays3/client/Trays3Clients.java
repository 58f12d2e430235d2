package io.trays3.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.trays3.Trays3Configuration;
import io.trays3.metrics.MeteredS3Client;
import io.trays3.metrics.Trays3Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.CredentialUtils;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The S3 clients and presigners of one connection configuration (shared by the endpoints that have it, see
 * {@link SharedClients}). Closes only what it built: an S3Client bean handed in stays open.
 *
 * <p>With {@code region=auto} the client signs for us-east-1 with the SDK's cross-region bucket access, so each
 * bucket's region is learnt from S3's redirect (the x-amz-bucket-region header, no s3:GetBucketLocation needed) once and
 * cached by the SDK; presigned URLs, signed locally, use the bucket's region learnt once by HeadBucket and cached here.
 * An explicit region is used as given, also names of S3-compatible services' own regions.
 */
public final class Trays3Clients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Trays3Clients.class);
    private static final Region DEFAULT_REGION = Region.US_EAST_1;

    private final Trays3Configuration config;
    private final S3Client s3;
    private final S3Client transfers;
    private final SdkHttpClient http;
    private final boolean ownsS3;
    private final CredentialsFactory.Credentials credentials;
    private final Region signingRegion;
    private final Map<Region, S3Presigner> presigners = new ConcurrentHashMap<>();
    private final BucketRegions bucketRegions;
    private final Trays3Metrics metrics;
    private final Map<String, S3Client> metered = new ConcurrentHashMap<>();
    private final Map<String, S3Client> meteredTransfers = new ConcurrentHashMap<>();

    private Trays3Clients(Trays3Configuration config, S3Client s3, S3Client transfers, SdkHttpClient http, boolean ownsS3,
                          CredentialsFactory.Credentials credentials, Region signingRegion, BucketRegions bucketRegions,
                          Trays3Metrics metrics) {
        this.config = config;
        this.bucketRegions = bucketRegions;
        this.metrics = metrics;
        this.s3 = s3;
        this.transfers = transfers;
        this.http = http;
        this.ownsS3 = ownsS3;
        this.credentials = credentials;
        this.signingRegion = signingRegion;
    }

    /** Uses the configured S3Client bean, or builds a client from the configuration; bucket regions are cached alone. */
    public static Trays3Clients open(Trays3Configuration config) {
        return open(config, new BucketRegions(), new Trays3Metrics());
    }

    /**
     * Uses the configured S3Client bean, or builds the clients from the configuration: one HTTP client (pool, socket and
     * connect timeouts, the write watchdog, XML answers read whole within the attempt) shared by an S3 client for calls
     * that move no object data (with the attempt timeout) and one for transfers (bounded by progress, not by time).
     *
     * @param bucketRegions where learnt bucket regions are kept, shared by the endpoints of one component
     * @param metrics       where the requests of {@link #s3(String)} and {@link #transfers(String)} are counted
     */
    public static Trays3Clients open(Trays3Configuration config, BucketRegions bucketRegions, Trays3Metrics metrics) {
        if (config.getS3Client() != null) {
            S3Client bean = config.getS3Client();
            Region region = bean.serviceClientConfiguration().region();
            return new Trays3Clients(config, bean, bean, null, false, null, region == null ? DEFAULT_REGION : region,
                                     bucketRegions, metrics);
        }
        ClientTimeouts timeouts = ClientTimeouts.of(config);
        Region region = config.isRegionAuto() ? DEFAULT_REGION : Region.of(config.getRegion().trim());
        URI endpoint = config.hasEndpointOverride() ? endpointUri(config) : null;
        CredentialsFactory.Credentials credentials = CredentialsFactory.create(config, region);
        SdkHttpClient http = null;
        S3Client calls = null;
        try {
            http = new BufferedAnswers(new WriteWatchdog(timeouts.httpClient(), config.getSocketTimeout()));
            calls = build(config, region, endpoint, credentials, http, timeouts.overrides(true));
            S3Client transfers = build(config, region, endpoint, credentials, http, timeouts.overrides(false));
            return new Trays3Clients(config, calls, transfers, http, true, credentials, region, bucketRegions, metrics);
        } catch (RuntimeException e) {
            if (calls != null) {
                calls.close();
            }
            if (http != null) {
                http.close();
            }
            credentials.owned().forEach(SdkAutoCloseable::close);
            throw e;
        }
    }

    private static S3Client build(Trays3Configuration config, Region region, URI endpoint,
                                  CredentialsFactory.Credentials credentials, SdkHttpClient http,
                                  ClientOverrideConfiguration overrides) {
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials.provider())
                .httpClient(http)
                .overrideConfiguration(overrides)
                .forcePathStyle(config.isForcePathStyle())
                .requestChecksumCalculation(config.getRequestChecksumCalculation())
                .responseChecksumValidation(config.getResponseChecksumValidation())
                .serviceConfiguration(S3Configuration.builder()
                        .chunkedEncodingEnabled(config.isChunkedEncodingEnabled())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (config.isRegionAuto()) {
            // on a redirect (301, or 400 naming x-amz-bucket-region) the SDK signs again for the bucket's region
            // and remembers it per bucket
            builder.crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    /**
     * The S3 client for calls that move no object data: each attempt is bounded by apiCallAttemptTimeout. Its requests
     * are not counted (see {@link #s3(String)}).
     */
    public S3Client s3() {
        return s3;
    }

    /**
     * The S3 client for calls whose time grows with the data (get, put, upload part, complete, copy): no attempt
     * timeout, bounded by progress (socketTimeout on reads, the write watchdog on request bodies) and apiCallTimeout.
     * The same client as {@link #s3()} for an S3Client bean.
     */
    public S3Client transfers() {
        return transfers;
    }

    /**
     * The S3 client for one operation's calls that move no object data: its requests, bytes and their cost are counted
     * under that operation in the component's metrics ({@link Trays3Metrics#HEALTH_CHECK} for the health check's).
     */
    public S3Client s3(String operation) {
        return metered.computeIfAbsent(operation, name -> new MeteredS3Client(s3, metrics, name, this::priceRegion, ownsS3));
    }

    /** The transfer client for one operation, counted like {@link #s3(String)}. */
    public S3Client transfers(String operation) {
        return meteredTransfers.computeIfAbsent(operation,
                                                name -> new MeteredS3Client(transfers, metrics, name, this::priceRegion,
                                                                                ownsS3));
    }

    /**
     * The region whose prices apply to the bucket: the configured region, or with region=auto the region learnt for the
     * bucket (by a signed URL or the health check), else the region requests are signed for.
     */
    public String priceRegion(String bucket) {
        if (bucket == null || !ownsS3 || !config.isRegionAuto()) {
            return signingRegion.id();
        }
        Region known = bucketRegions.get(cacheKey(bucket));
        return (known == null ? signingRegion : known).id();
    }

    /** Remembers a bucket's region that S3 named (region=auto only), as {@link #regionOf(String)} would learn it. */
    public void learntRegion(String bucket, String region) {
        if (ownsS3 && config.isRegionAuto() && region != null && !region.isBlank()) {
            bucketRegions.putIfAbsent(cacheKey(bucket), Region.of(region));
        }
    }

    /** How this connection gets its credentials, in words, without any secret. */
    public String credentialSource() {
        return ownsS3 ? CredentialsFactory.describe(config) : "the S3Client bean's own credentials";
    }

    /** The region requests are signed for (with region=auto, until S3 names a bucket's own). */
    public Region signingRegion() {
        return signingRegion;
    }

    /** Whether each bucket's region is found by itself (region=auto, on a client trays3 built). */
    public boolean regionAuto() {
        return ownsS3 && config.isRegionAuto();
    }

    private String cacheKey(String bucket) {
        // one server's bucket names are not another's
        String server = config.hasEndpointOverride() ? config.getEndpointOverride().trim() : "aws";
        return server + " " + bucket;
    }

    /**
     * The credentials requests are signed with now (those of the S3Client bean when one is used): a signed URL is signed
     * with them, and cannot outlive them when they are temporary.
     */
    public AwsCredentialsIdentity signingCredentials() {
        return ownsS3 ? credentials.provider().resolveCredentials()
                : s3.serviceClientConfiguration().credentialsProvider().resolveIdentity().join();
    }

    /** A presigner that signs for the bucket's region. */
    public S3Presigner presigner(String bucket) {
        return presigners.computeIfAbsent(regionOf(bucket), this::buildPresigner);
    }

    /**
     * The region to sign for: the configured one, or with {@code region=auto} on AWS the bucket's own region, asked with
     * HeadBucket (S3 names the region in a header even when it refuses the request) and cached once S3 has named it.
     */
    public Region regionOf(String bucket) {
        if (!ownsS3 || !config.isRegionAuto()) {
            return signingRegion;
        }
        String cacheKey = cacheKey(bucket);
        Region known = bucketRegions.get(cacheKey);
        if (known != null) {
            return known;
        }
        Optional<Region> named = lookUpRegion(bucket);
        // a bucket that does not exist yet has no region: ask again next time rather than remember a guess
        named.ifPresent(region -> bucketRegions.putIfAbsent(cacheKey, region));
        return named.orElse(signingRegion);
    }

    private Optional<Region> lookUpRegion(String bucket) {
        String name;
        try {
            name = s3(Trays3Metrics.REGION_LOOKUP).headBucket(b -> b.bucket(bucket)).bucketRegion();
        } catch (S3Exception e) {
            name = S3ErrorCodes.bucketRegion(e);
        }
        Optional<Region> region = Optional.ofNullable(name).filter(n -> !n.isBlank()).map(Region::of);
        LOG.debug("Bucket {} is in region {}", bucket, region.map(Region::id).orElse("(not named by S3)"));
        return region;
    }

    private S3Presigner buildPresigner(Region region) {
        if (!ownsS3) {
            return presignerLike(s3, region, config.isForcePathStyle());
        }
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials.provider())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.isForcePathStyle()).build());
        if (config.hasEndpointOverride()) {
            builder.endpointOverride(endpointUri(config));
        }
        return builder.build();
    }

    /**
     * A presigner that signs like a client it did not build: its region, credentials, endpoint and addressing style.
     * (The SDK's {@code S3Presigner.builder().s3Client(...)} falls back to the default region and credentials chains.)
     */
    private static S3Presigner presignerLike(S3Client client, Region region, boolean forcePathStyle) {
        S3ServiceClientConfiguration beanConfig = client.serviceClientConfiguration();
        IdentityProvider<? extends AwsCredentialsIdentity> beanCredentials = beanConfig.credentialsProvider();
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(region)
                // a wrapper, because closing the presigner closes a closeable provider and the bean still needs it
                .credentialsProvider(CredentialsFactory.remembering(() ->
                        CredentialUtils.toCredentials(beanCredentials.resolveIdentity().join())))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(forcePathStyle || usesPathStyle(client))
                        .build());
        beanConfig.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Whether a client addresses buckets in the path (the SDK does not expose the setting itself). */
    private static boolean usesPathStyle(S3Client client) {
        String host = client.utilities().getUrl(b -> b.bucket("trays3-probe").key("k")).getHost();
        return host == null || !host.startsWith("trays3-probe.");
    }

    /**
     * Where a configuration connects: the endpointOverride; an S3Client bean's own endpoint, else its region's; else the
     * configured region's S3 endpoint (us-east-1's with region=auto, which sends each bucket on to its region).
     */
    public static String serviceUrl(Trays3Configuration config) {
        if (config.getS3Client() != null) {
            S3ServiceClientConfiguration bean = config.getS3Client().serviceClientConfiguration();
            return bean.endpointOverride().map(URI::toString)
                    .orElseGet(() -> regionalEndpoint(bean.region() == null ? DEFAULT_REGION : bean.region()));
        }
        if (config.hasEndpointOverride()) {
            return config.getEndpointOverride().trim();
        }
        return regionalEndpoint(config.isRegionAuto() ? DEFAULT_REGION : Region.of(config.getRegion().trim()));
    }

    /** The region a configuration names: {@code auto}, a region id, or an S3Client bean's region. */
    public static String regionName(Trays3Configuration config) {
        if (config.getS3Client() != null) {
            Region region = config.getS3Client().serviceClientConfiguration().region();
            return (region == null ? DEFAULT_REGION : region).id();
        }
        return config.isRegionAuto() ? Trays3Configuration.REGION_AUTO : config.getRegion().trim();
    }

    private static String regionalEndpoint(Region region) {
        return "https://" + S3Client.serviceMetadata().endpointFor(region);
    }

    private static URI endpointUri(Trays3Configuration config) {
        String value = config.getEndpointOverride().trim();
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trays3: option 'endpointOverride' value '" + value
                                               + "' is not a URI; allowed: http(s)://host[:port]", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("trays3: option 'endpointOverride' value '" + value
                                               + "' needs a scheme and host; allowed: http(s)://host[:port]");
        }
        return uri;
    }

    /** Closes the presigners and whatever this object built; an S3Client bean is left open. */
    @Override
    public void close() {
        List<SdkAutoCloseable> toClose = new ArrayList<>(presigners.values());
        presigners.clear();
        if (ownsS3) {
            toClose.add(s3);
            toClose.add(transfers);
            // given to the S3 clients, so not closed by them
            toClose.add(http);
        }
        if (credentials != null) {
            toClose.addAll(credentials.owned());
        }
        for (SdkAutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (RuntimeException e) {
                LOG.warn("Could not close {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** Whether the S3 client was built here (and is closed here). */
    public boolean ownsS3Client() {
        return ownsS3;
    }
}
