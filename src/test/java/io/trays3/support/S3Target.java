package io.trays3.support;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;

import io.trays3.Trays3Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** An S3 protocol server the tests run against, with an SDK client of its own to check what trays3 did. */
public interface S3Target {

    /** A short name for reports. */
    String name();

    URI endpoint();

    String accessKey();

    String secretKey();

    /** Whether the server keeps object versions when asked to (S3Proxy's transient store and LocalStack do). */
    default boolean supportsVersioning() {
        return true;
    }

    /** Whether the server refuses requests signed with wrong credentials (LocalStack accepts any). */
    default boolean checksCredentials() {
        return true;
    }

    /** Whether the server refuses presigned URLs that are tampered with or expired (LocalStack skips that by default). */
    default boolean checksPresignedUrls() {
        return true;
    }

    /** Points a trays3 configuration at this server. */
    default void configure(Trays3Configuration configuration) {
        configuration.setEndpointOverride(endpoint().toString());
        configuration.setForcePathStyle(true);
        configuration.setAccessKey(accessKey());
        configuration.setSecretKey(secretKey());
    }

    /** A plain SDK client, independent of trays3, to set up and check state. */
    default S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey(), secretKey())))
                .build();
    }

    /** Creates a bucket with a random name. */
    static String createBucket(S3Client client, boolean versioned) {
        String bucket = "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toLowerCase(Locale.ROOT);
        client.createBucket(b -> b.bucket(bucket));
        if (versioned) {
            client.putBucketVersioning(v -> v.bucket(bucket).versioningConfiguration(c -> c.status(
                    BucketVersioningStatus.ENABLED)));
        }
        return bucket;
    }

    /** Deletes every object version and upload of a bucket, then the bucket. */
    static void deleteBucket(S3Client client, String bucket) {
        try {
            client.listMultipartUploadsPaginator(r -> r.bucket(bucket)).uploads().forEach(u ->
                    client.abortMultipartUpload(a -> a.bucket(bucket).key(u.key()).uploadId(u.uploadId())));
        } catch (S3Exception e) {
            // not every server lists uploads; leftovers die with the server
        }
        client.listObjectVersionsPaginator(r -> r.bucket(bucket)).forEach(page -> {
            var ids = new java.util.ArrayList<ObjectIdentifier>();
            page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId())
                    .build()));
            if (!ids.isEmpty()) {
                client.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(ids)));
            }
        });
        client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach(o ->
                client.deleteObject(d -> d.bucket(bucket).key(o.key())));
        client.deleteBucket(b -> b.bucket(bucket));
    }
}
