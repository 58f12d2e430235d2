package io.trays3.health;

import java.util.Set;

import io.trays3.client.S3ErrorCodes;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Harmless probes of what a connection can reach, changing nothing: a HeadBucket per bucket (and, when S3 refuses it,
 * a one-key listing, whose answer carries an error code that tells wrong credentials from a missing permission), and a
 * ListBuckets for the account-level operations. Each says what it found in a {@link Finding}.
 */
public final class BucketProbe {

    /** Error codes that mean the credentials themselves are wrong, whatever the bucket. */
    public static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "InvalidClientTokenId");

    private BucketProbe() {
    }

    /** What a probe found. */
    public enum Kind {
        /** The bucket answers (or the account lists its buckets). */
        REACHABLE(true),
        /** The bucket exists and the credentials are accepted, but they may not list it: HeadBucket needs s3:ListBucket. */
        REACHABLE_NOT_LISTABLE(true),
        /** No such bucket on this endpoint. */
        MISSING(false),
        /** The bucket is in another region than the configured one. */
        WRONG_REGION(false),
        /** S3 (or STS, for roleArn) refused the credentials. */
        CREDENTIALS_REFUSED(false),
        /** No credentials could be found. */
        NO_CREDENTIALS(false),
        /** The credentials are accepted but lack the permission the probe needs (ListBuckets: s3:ListAllMyBuckets). */
        DENIED(false),
        /** The endpoint could not be reached. */
        UNREACHABLE(false),
        /** Another answer. */
        FAILED(false);

        private final boolean up;

        Kind(boolean up) {
            this.up = up;
        }

        /** Whether routes using this can work. */
        public boolean up() {
            return up;
        }
    }

    /**
     * What a probe found.
     *
     * @param kind   what kind of answer
     * @param code   the service's error code, or null
     * @param status the HTTP status of the error, or 0
     * @param detail the region S3 named (a reachable bucket's, or the one it is in for {@link Kind#WRONG_REGION}), or
     *               the reason S3 could not be reached; may be null
     */
    public record Finding(Kind kind, String code, int status, String detail) {

        static Finding of(Kind kind) {
            return new Finding(kind, null, 0, null);
        }
    }

    /** HeadBucket, and a one-key listing when S3 refuses it. */
    public static Finding bucket(S3Client s3, String bucket) {
        try {
            return new Finding(Kind.REACHABLE, null, 0, s3.headBucket(b -> b.bucket(bucket)).bucketRegion());
        } catch (S3Exception e) {
            String region = S3ErrorCodes.bucketRegion(e);
            if (e.statusCode() == 404) {
                return new Finding(Kind.MISSING, S3ErrorCodes.of(e), 404, null);
            }
            if (region != null && (e.statusCode() == 301 || e.statusCode() == 400)) {
                return new Finding(Kind.WRONG_REGION, S3ErrorCodes.of(e), e.statusCode(), region);
            }
            if (e.statusCode() == 403) {
                // a HEAD answer has no error code: a GET tells wrong credentials from a missing permission
                return listOneKey(s3, bucket);
            }
            return failed(e);
        } catch (AwsServiceException e) {
            return failed(e);
        } catch (SdkClientException e) {
            return clientSide(e);
        }
    }

    /** ListBuckets: whether the credentials may list the account's buckets (s3:ListAllMyBuckets). */
    public static Finding account(S3Client s3) {
        try {
            s3.listBuckets(l -> l.maxBuckets(1));
            return Finding.of(Kind.REACHABLE);
        } catch (AwsServiceException e) {
            String code = code(e);
            return "AccessDenied".equals(code) ? new Finding(Kind.DENIED, code, e.statusCode(), null) : failed(e);
        } catch (SdkClientException e) {
            return clientSide(e);
        }
    }

    private static Finding listOneKey(S3Client s3, String bucket) {
        try {
            s3.listObjectsV2(l -> l.bucket(bucket).maxKeys(1));
            return Finding.of(Kind.REACHABLE);
        } catch (AwsServiceException e) {
            String code = code(e);
            if ("AccessDenied".equals(code)) {
                return new Finding(Kind.REACHABLE_NOT_LISTABLE, code, e.statusCode(), null);
            }
            if (e.statusCode() == 404) {
                return new Finding(Kind.MISSING, code, 404, null);
            }
            return failed(e);
        } catch (SdkClientException e) {
            return clientSide(e);
        }
    }

    private static Finding failed(AwsServiceException e) {
        String code = code(e);
        Kind kind = CREDENTIAL_ERRORS.contains(code) || !(e instanceof S3Exception) ? Kind.CREDENTIALS_REFUSED : Kind.FAILED;
        return new Finding(kind, code, e.statusCode(), e.awsErrorDetails() == null ? null
                : e.awsErrorDetails().errorMessage());
    }

    private static Finding clientSide(SdkClientException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // the credentials chain found nothing: no request went out
        Kind kind = message.contains("Unable to load credentials") ? Kind.NO_CREDENTIALS : Kind.UNREACHABLE;
        return new Finding(kind, null, 0, message);
    }

    private static String code(AwsServiceException e) {
        String code = e instanceof S3Exception s3 ? S3ErrorCodes.of(s3)
                : e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "HTTP " + e.statusCode() : code;
    }
}
