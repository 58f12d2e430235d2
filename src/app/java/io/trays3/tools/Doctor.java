package io.trays3.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.trays3.operation.IamPermission;
import io.trays3.operation.Trays3Operation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks, without changing anything, whether the routes' operations can work with the configured credentials: one line
 * per check, ✓ or ✗ with the reason and the policy statement to add; • for what cannot be checked harmlessly.
 */
final class Doctor {

    static final String OK = "✓";
    static final String FAIL = "✗";
    static final String NOTE = "•";

    /** Error codes that mean the credentials themselves are wrong, whatever the bucket. */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken",
            "InvalidToken", "TokenRefreshRequired", "InvalidClientTokenId");
    /** The Content-MD5 of an empty body, sent with a non-empty one: S3 checks permissions, then refuses the digest. */
    private static final String WRONG_MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";
    private static final Set<Trays3Operation> READS = EnumSet.of(Trays3Operation.getObject, Trays3Operation.headObject);
    private static final Set<Trays3Operation> WRITES = EnumSet.of(Trays3Operation.putObjectText, Trays3Operation.putObjectFile);

    private final S3Client s3;
    private final PrintStream out;
    private int failures;

    Doctor(S3Client s3, PrintStream out) {
        this.s3 = s3;
        this.out = out;
    }

    /** Runs every check for the uses; returns the number of failed checks. */
    int check(List<EndpointUse> uses) {
        Map<String, List<EndpointUse>> byBucket = new LinkedHashMap<>();
        boolean listsBuckets = false;
        for (EndpointUse use : uses) {
            if (use.operation() == Trays3Operation.listBuckets || use.operation() == Trays3Operation.listBucketsDdl) {
                listsBuckets = true;
            } else if (use.dynamic() || use.bucket() == null) {
                line(NOTE, "route '" + use.routeId() + "': " + use.operation() + " on a bucket only known at run time"
                           + (use.dynamicReason() == null ? "" : " (" + use.dynamicReason() + ")") + ": not checked");
            } else {
                byBucket.computeIfAbsent(use.bucket(), b -> new ArrayList<>()).add(use);
            }
        }
        if (listsBuckets && !checkListBuckets()) {
            return failures;
        }
        for (Map.Entry<String, List<EndpointUse>> entry : byBucket.entrySet()) {
            if (!checkBucket(entry.getKey(), entry.getValue())) {
                break;
            }
        }
        return failures;
    }

    /** False when the credentials are refused: nothing else can pass then. */
    private boolean checkListBuckets() {
        try {
            int count = s3.listBuckets().buckets().size();
            line(OK, "s3:ListAllMyBuckets: the credentials list " + count + " bucket(s) (listBuckets, listBucketsDdl)");
            return true;
        } catch (S3Exception e) {
            if (credentialsRefused(e)) {
                return false;
            }
            fail("s3:ListAllMyBuckets denied (" + code(e) + "): listBuckets and listBucketsDdl will fail",
                 statement(List.of("s3:ListAllMyBuckets"), "*"));
            return true;
        }
    }

    /** False when the credentials are refused. */
    private boolean checkBucket(String bucket, List<EndpointUse> uses) {
        Set<Trays3Operation> operations = EnumSet.noneOf(Trays3Operation.class);
        Set<String> routes = new LinkedHashSet<>();
        boolean acl = false;
        String fixedKey = null;
        for (EndpointUse use : uses) {
            operations.add(use.operation());
            routes.add(use.routeId());
            acl |= use.acl() && (WRITES.contains(use.operation()) || use.operation() == Trays3Operation.putObjectAcl);
            if (use.key() != null && READS.contains(use.operation())) {
                fixedKey = use.key();
            }
        }
        String usedBy = " (" + String.join(", ", operations.stream().map(Enum::name).toList()) + " in route(s) "
                        + String.join(", ", routes) + ")";
        try {
            HeadBucketResponse head = s3.headBucket(b -> b.bucket(bucket));
            line(OK, "bucket " + bucket + " exists and is reachable"
                     + (head.bucketRegion() == null ? "" : " in " + head.bucketRegion()) + usedBy);
        } catch (S3Exception e) {
            if (credentialsRefused(e)) {
                return false;
            }
            if (e.statusCode() == 404) {
                fail("bucket " + bucket + " does not exist on this endpoint" + usedBy
                     + ": create it, or correct the bucket name in the routes", null);
                return true;
            }
            if (e.statusCode() != 403) {
                fail("bucket " + bucket + " cannot be reached: " + code(e) + usedBy, null);
                return true;
            }
            if (refusedOnAGet(bucket)) {
                return false;
            }
            line(NOTE, "bucket " + bucket + " exists; HeadBucket was refused (it needs s3:ListBucket)" + usedBy);
        } catch (SdkClientException e) {
            fail("S3 cannot be reached: " + e.getMessage(), null);
            return false;
        }
        if (operations.contains(Trays3Operation.listBucketObjects)) {
            probe(bucket, Trays3Operation.listBucketObjects, () -> s3.listObjectsV2(l -> l.bucket(bucket).maxKeys(1)),
                  "listBucketObjects can list " + bucket);
        }
        if (operations.contains(Trays3Operation.getBucketLocation)) {
            probe(bucket, Trays3Operation.getBucketLocation, () -> s3.getBucketLocation(l -> l.bucket(bucket)),
                  "getBucketLocation can read the region of " + bucket);
        }
        if (operations.stream().anyMatch(READS::contains) || operations.contains(Trays3Operation.getObjectSignedUrl)) {
            checkRead(bucket, fixedKey);
        }
        if (operations.stream().anyMatch(WRITES::contains)) {
            checkWrite(bucket, operations, false);
            if (acl) {
                checkWrite(bucket, operations, true);
            }
        }
        if (acl) {
            checkOwnership(bucket);
        }
        for (Trays3Operation operation : List.of(Trays3Operation.deleteObject, Trays3Operation.deleteMultipleObjects,
                                                 Trays3Operation.putObjectAcl)) {
            if (operations.contains(operation)) {
                line(NOTE, operation + " on " + bucket + ": " + operation.permission().action()
                           + " not probed (no request tests it without changing the bucket)");
            }
        }
        for (Trays3Operation operation : operations) {
            List<String> also = operation.permission().alsoActions();
            if (!also.isEmpty()) {
                line(NOTE, operation + " on " + bucket + ": " + String.join(", ", also) + " not probed (a failed multipart"
                           + " upload is aborted with it; without it the upload is left behind)");
            }
        }
        return true;
    }

    private void probe(String bucket, Trays3Operation operation, Runnable request, String success) {
        try {
            request.run();
            line(OK, success);
        } catch (S3Exception e) {
            if (!credentialsRefused(e)) {
                IamPermission permission = operation.permission();
                fail(operation + " on " + bucket + " denied (" + code(e) + ")",
                     statement(permission.actions(false, false), permission.resource(bucket, null)));
            }
        }
    }

    /** HeadObject on the route's fixed key, else on a key that does not exist: 404 means reading is allowed. */
    private void checkRead(String bucket, String fixedKey) {
        String key = fixedKey != null ? fixedKey : probeKey();
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            line(OK, "s3:GetObject allowed on " + bucket + (fixedKey != null ? "/" + key + " (it exists)" : ""));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                line(OK, "s3:GetObject allowed on " + bucket + (fixedKey != null ? " (but " + key + " does not exist yet)"
                                                                : " (probed with a key that does not exist)"));
            } else if (!credentialsRefused(e)) {
                fail("s3:GetObject denied on " + bucket + " (" + code(e) + "; without s3:ListBucket S3 also answers 403"
                     + " for keys that do not exist): getObject, headObject and signed URLs will fail",
                     statement(List.of("s3:GetObject"), "arn:aws:s3:::" + bucket + "/*"));
            }
        }
    }

    /**
     * A PutObject whose Content-MD5 cannot match: S3 checks the permission first and then refuses the digest, so
     * nothing is written. A server that does not check digests stores the probe, which is deleted again.
     */
    private void checkWrite(String bucket, Set<Trays3Operation> operations, boolean withAcl) {
        String key = probeKey();
        String action = withAcl ? "s3:PutObject with an ACL (s3:PutObjectAcl)" : "s3:PutObject";
        try {
            s3.putObject(p -> p.bucket(bucket).key(key).contentMD5(WRONG_MD5).acl(withAcl ? "private" : null),
                         RequestBody.fromString("probe"));
            s3.deleteObject(d -> d.bucket(bucket).key(key));
            line(OK, action + " allowed on " + bucket + " (the server stored the probe; it was deleted again)");
        } catch (S3Exception e) {
            if (e.statusCode() == 400 && code(e).contains("Digest")) {
                line(OK, action + " allowed on " + bucket + " (probed with a bad digest: nothing written)");
            } else if (!credentialsRefused(e)) {
                fail(action + " denied on " + bucket + " (" + code(e) + "): "
                     + (withAcl ? "uploads with acl= will fail" : "putObjectText and putObjectFile will fail"),
                     statement(uploadActions(operations, withAcl), "arn:aws:s3:::" + bucket + "/*"));
            }
        }
    }

    /** What the bucket's uploads need, from the operations' permissions: putObjectFile also aborts failed uploads. */
    private static List<String> uploadActions(Set<Trays3Operation> operations, boolean withAcl) {
        Set<String> actions = new LinkedHashSet<>();
        for (Trays3Operation operation : operations) {
            if (WRITES.contains(operation)) {
                actions.addAll(operation.permission().actions(false, withAcl));
            }
        }
        return new ArrayList<>(actions);
    }

    /** ACLs are refused on buckets whose object ownership is BucketOwnerEnforced. */
    private void checkOwnership(String bucket) {
        try {
            var rules = s3.getBucketOwnershipControls(o -> o.bucket(bucket)).ownershipControls().rules();
            boolean enforced = rules.stream().anyMatch(r -> r.objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED);
            if (enforced) {
                fail("bucket " + bucket + " has ACLs disabled (Object Ownership BucketOwnerEnforced): putObjectAcl and"
                     + " acl= will fail with AccessControlListNotSupported; remove acl from the routes, or set the"
                     + " bucket's Object Ownership to BucketOwnerPreferred", null);
            } else {
                line(OK, "bucket " + bucket + " accepts ACLs (Object Ownership " + rules.get(0).objectOwnershipAsString()
                         + ")");
            }
        } catch (S3Exception e) {
            if ("OwnershipControlsNotFoundError".equals(code(e))) {
                line(OK, "bucket " + bucket + " accepts ACLs (no Object Ownership controls)");
            } else if ("NotImplemented".equals(code(e)) || e.statusCode() == 501) {
                line(NOTE, "bucket " + bucket + ": the server does not report Object Ownership: ACL use not verified");
            } else if (!credentialsRefused(e)) {
                line(NOTE, "bucket " + bucket + ": Object Ownership not readable (" + code(e) + "; it needs"
                           + " s3:GetBucketOwnershipControls): ACL use not verified");
            }
        }
    }

    /**
     * A refused HEAD carries no error code, so it cannot tell wrong credentials from a missing permission: a GET can,
     * since S3 checks the key and signature before any permission.
     */
    private boolean refusedOnAGet(String bucket) {
        try {
            s3.getBucketLocation(l -> l.bucket(bucket));
            return false;
        } catch (S3Exception e) {
            return credentialsRefused(e);
        }
    }

    /** A key that does not exist; without a '/', since stores on a file system keep the folder of a refused upload. */
    private static String probeKey() {
        return "trays3-doctor-probe-" + UUID.randomUUID();
    }

    private boolean credentialsRefused(S3Exception e) {
        if (!CREDENTIAL_ERRORS.contains(code(e))) {
            return false;
        }
        fail("the credentials are refused (" + code(e) + "): check the access and secret key (TRAYS3_ACCESS_KEY,"
             + " TRAYS3_SECRET_KEY) or the AWS credentials chain; nothing else can be checked", null);
        return true;
    }

    private static String code(S3Exception e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return switch (e.statusCode()) {
            case 403 -> "AccessDenied";
            case 404 -> "NotFound";
            default -> "HTTP " + e.statusCode();
        };
    }

    private static String statement(List<String> actions, String resource) {
        return "{\"Effect\": \"Allow\", \"Action\": [" + String.join(", ", actions.stream().map(a -> "\"" + a + "\"").toList())
               + "], \"Resource\": \"" + resource + "\"}";
    }

    private void fail(String message, String statement) {
        failures++;
        line(FAIL, message + (statement == null ? "" : "\n    add to the policy: " + statement));
    }

    private void line(String mark, String message) {
        out.println(mark + " " + message);
    }
}
