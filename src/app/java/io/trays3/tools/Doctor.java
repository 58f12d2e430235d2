package io.trays3.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.trays3.operation.IamGrant;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks, without changing anything, whether the routes' operations can work with the configured credentials: it
 * probes the actions their grants need ({@link io.trays3.operation.Trays3Operation#grants}), one line per check, ✓ or ✗
 * with the reason and the policy statement to add; • for what cannot be checked harmlessly.
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
    private static final String LIST_ALL_MY_BUCKETS = "s3:ListAllMyBuckets";
    private static final String LIST_BUCKET = "s3:ListBucket";
    private static final String GET_BUCKET_LOCATION = "s3:GetBucketLocation";
    private static final String GET_OBJECT = "s3:GetObject";
    private static final String PUT_OBJECT = "s3:PutObject";
    private static final String PUT_OBJECT_ACL = "s3:PutObjectAcl";
    /** Why an action that no harmless request can test matters, where the usual reason does not say it. */
    private static final Map<String, String> NOT_PROBED_BECAUSE = Map.of("s3:AbortMultipartUpload",
            "a failed multipart upload is aborted with it; without it the upload is left behind");

    private final S3Client s3;
    private final PrintStream out;
    private int failures;

    Doctor(S3Client s3, PrintStream out) {
        this.s3 = s3;
        this.out = out;
    }

    /** Runs every check for the uses; returns the number of failed checks. */
    int check(List<EndpointUse> uses) {
        Map<String, List<Need>> byBucket = new LinkedHashMap<>();
        List<Need> account = new ArrayList<>();
        Set<String> notChecked = new LinkedHashSet<>();
        for (EndpointUse use : uses) {
            for (IamGrant grant : use.grants()) {
                if (grant.scope() == IamGrant.Scope.ACCOUNT) {
                    account.add(new Need(use, grant));
                } else if (grant.anyBucket()) {
                    String reason = use.reason(grant.bucketInput());
                    notChecked.add("route '" + use.routeId() + "': " + use.operation() + " on a bucket only known at run time"
                                   + (reason == null ? "" : " (" + reason + ")") + ": not checked");
                } else {
                    byBucket.computeIfAbsent(grant.bucket(), b -> new ArrayList<>()).add(new Need(use, grant));
                }
            }
        }
        notChecked.forEach(line -> line(NOTE, line));
        if (!checkAccount(account)) {
            return failures;
        }
        for (Map.Entry<String, List<Need>> entry : byBucket.entrySet()) {
            if (!checkBucket(entry.getKey(), entry.getValue())) {
                break;
            }
        }
        return failures;
    }

    /** One grant a route's use of an operation needs. */
    private record Need(EndpointUse use, IamGrant grant) {
        boolean needs(String action) {
            return grant.actions().contains(action);
        }

        boolean uploadsWithAcl() {
            return needs(PUT_OBJECT) && needs(PUT_OBJECT_ACL);
        }
    }

    /** The operations among the needs that need the action, in order. */
    private static String operationsNeeding(List<Need> needs, String action) {
        Set<String> operations = new LinkedHashSet<>();
        needs.stream().filter(n -> n.needs(action)).forEach(n -> operations.add(n.use().operation().name()));
        return String.join(", ", operations);
    }

    /** The actions of every grant that needs the action: what a statement must allow for those calls to work. */
    private static List<String> actionsBeside(List<Need> needs, String action, boolean withAcl) {
        Set<String> actions = new LinkedHashSet<>();
        needs.stream().filter(n -> n.needs(action) && n.needs(PUT_OBJECT_ACL) == withAcl)
                .forEach(n -> actions.addAll(n.grant().actions()));
        return new ArrayList<>(actions);
    }

    /** False when the credentials are refused: nothing else can pass then. */
    private boolean checkAccount(List<Need> needs) {
        if (needs.stream().anyMatch(n -> n.needs(LIST_ALL_MY_BUCKETS))) {
            String users = operationsNeeding(needs, LIST_ALL_MY_BUCKETS);
            try {
                int count = s3.listBuckets().buckets().size();
                line(OK, LIST_ALL_MY_BUCKETS + ": the credentials list " + count + " bucket(s) (" + users + ")");
            } catch (S3Exception e) {
                if (credentialsRefused(e)) {
                    return false;
                }
                fail(LIST_ALL_MY_BUCKETS + " denied (" + code(e) + "): " + users + " will fail",
                     statement(List.of(LIST_ALL_MY_BUCKETS), "*"));
            }
        }
        noteUnprobed("the account", needs, Set.of(LIST_ALL_MY_BUCKETS));
        return true;
    }

    /** False when the credentials are refused. */
    private boolean checkBucket(String bucket, List<Need> needs) {
        Set<String> operations = new LinkedHashSet<>();
        Set<String> routes = new LinkedHashSet<>();
        String fixedKey = null;
        for (Need need : needs) {
            operations.add(need.use().operation().name());
            routes.add(need.use().routeId());
            if (need.grant().key() != null && need.needs(GET_OBJECT)) {
                fixedKey = need.grant().key();
            }
        }
        String usedBy = " (" + String.join(", ", operations) + " in route(s) " + String.join(", ", routes) + ")";
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
        Set<String> probed = new LinkedHashSet<>();
        if (needs.stream().anyMatch(n -> n.needs(LIST_BUCKET))) {
            probe(bucket, needs, LIST_BUCKET, () -> s3.listObjectsV2(l -> l.bucket(bucket).maxKeys(1)), " can list " + bucket);
            probed.add(LIST_BUCKET);
        }
        if (needs.stream().anyMatch(n -> n.needs(GET_BUCKET_LOCATION))) {
            probe(bucket, needs, GET_BUCKET_LOCATION, () -> s3.getBucketLocation(l -> l.bucket(bucket)),
                  " can read the region of " + bucket);
            probed.add(GET_BUCKET_LOCATION);
        }
        if (needs.stream().anyMatch(n -> n.needs(GET_OBJECT))) {
            checkRead(bucket, fixedKey, operationsNeeding(needs, GET_OBJECT));
            probed.add(GET_OBJECT);
        }
        boolean uploadsWithAcl = needs.stream().anyMatch(Need::uploadsWithAcl);
        if (needs.stream().anyMatch(n -> n.needs(PUT_OBJECT))) {
            checkWrite(bucket, needs, false);
            probed.add(PUT_OBJECT);
        }
        if (uploadsWithAcl) {
            checkWrite(bucket, needs, true);
        }
        if (needs.stream().anyMatch(n -> n.needs(PUT_OBJECT_ACL))) {
            checkOwnership(bucket);
        }
        noteUnprobed(bucket, needs, probed);
        return true;
    }

    /** One line per action that no harmless request can test, naming the operations that need it. */
    private void noteUnprobed(String where, List<Need> needs, Set<String> probed) {
        Map<String, Set<String>> operationsByAction = new LinkedHashMap<>();
        for (Need need : needs) {
            for (String action : need.grant().actions()) {
                // an upload's ACL was probed with the upload
                if (!probed.contains(action) && !(action.equals(PUT_OBJECT_ACL) && need.uploadsWithAcl())) {
                    operationsByAction.computeIfAbsent(action, a -> new LinkedHashSet<>()).add(need.use().operation().name());
                }
            }
        }
        operationsByAction.forEach((action, operations) -> line(NOTE, String.join(", ", operations) + " on " + where + ": "
                + action + " not probed ("
                + NOT_PROBED_BECAUSE.getOrDefault(action, "no request tests it without changing the bucket") + ")"));
    }

    private void probe(String bucket, List<Need> needs, String action, Runnable request, String success) {
        String users = operationsNeeding(needs, action);
        try {
            request.run();
            line(OK, action + ": " + users + success);
        } catch (S3Exception e) {
            if (!credentialsRefused(e)) {
                fail(action + " denied on " + bucket + " (" + code(e) + "): " + users + " will fail",
                     statement(List.of(action), IamGrant.ARN + bucket));
            }
        }
    }

    /** HeadObject on the route's fixed key, else on a key that does not exist: 404 means reading is allowed. */
    private void checkRead(String bucket, String fixedKey, String users) {
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
                     + " for keys that do not exist): " + users + " will fail",
                     statement(List.of(GET_OBJECT), IamGrant.ARN + bucket + "/*"));
            }
        }
    }

    /**
     * A PutObject whose Content-MD5 cannot match: S3 checks the permission first and then refuses the digest, so
     * nothing is written. A server that does not check digests stores the probe, which is deleted again.
     */
    private void checkWrite(String bucket, List<Need> needs, boolean withAcl) {
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
                fail(action + " denied on " + bucket + " (" + code(e) + "): " + (withAcl ? "uploads with acl= will fail"
                        : operationsNeeding(needs.stream().filter(n -> !n.needs(PUT_OBJECT_ACL)).toList(), PUT_OBJECT)
                          + " will fail"),
                     statement(actionsBeside(needs, PUT_OBJECT, withAcl), IamGrant.ARN + bucket + "/*"));
            }
        }
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
