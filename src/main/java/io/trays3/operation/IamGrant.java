package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * Actions one call needs on one resource: what an operation declares ({@link Trays3Operation#grants(IamCall)}), what the
 * {@code policy} tool grants, what {@code doctor} probes and what an AccessDenied error names.
 *
 * @param scope       what kind of resource
 * @param actions     the IAM actions, in order
 * @param bucketInput the input that names the bucket, or null for the account
 * @param bucket      the bucket, or null when it is not known (any bucket)
 * @param keyInput    the input that names the key, for {@link Scope#OBJECT}; else null
 * @param key         the key, or null for any key
 * @param prefix      for a listing: the prefix that a {@code s3:prefix} condition may narrow it to, or null
 */
public record IamGrant(Scope scope, List<String> actions, Input<String> bucketInput, String bucket, Input<String> keyInput,
                       String key, String prefix) {

    /** The kinds of resource S3 actions apply to. */
    public enum Scope {
        /** Account level: resource {@code *}. */
        ACCOUNT,
        /** The bucket itself: {@code arn:aws:s3:::BUCKET}. */
        BUCKET,
        /** One object: {@code arn:aws:s3:::BUCKET/KEY}. */
        OBJECT,
        /** Any object of the bucket: {@code arn:aws:s3:::BUCKET/*}. */
        OBJECTS
    }

    /** The prefix of every S3 resource ARN. */
    public static final String ARN = "arn:aws:s3:::";

    /** The action list is copied. */
    public IamGrant {
        actions = List.copyOf(actions);
    }

    /** Account-level actions. */
    public static IamGrant account(String action) {
        return new IamGrant(Scope.ACCOUNT, List.of(action), null, null, null, null, null);
    }

    /** An action on the bucket that {@code bucket} names. */
    public static IamGrant bucket(IamCall call, Input<String> bucket, String action) {
        return new IamGrant(Scope.BUCKET, List.of(action), bucket, call.valueOf(bucket), null, null, null);
    }

    /** An action on the object that {@code bucket} and {@code key} name. */
    public static IamGrant object(IamCall call, Input<String> bucket, Input<String> key, String action) {
        return new IamGrant(Scope.OBJECT, List.of(action), bucket, call.valueOf(bucket), key, call.valueOf(key), null);
    }

    /** An action on any object of the bucket that {@code bucket} names. */
    public static IamGrant objects(IamCall call, Input<String> bucket, String action) {
        return new IamGrant(Scope.OBJECTS, List.of(action), bucket, call.valueOf(bucket), null, null, null);
    }

    /** The same with one more action. */
    public IamGrant and(String action) {
        List<String> more = new ArrayList<>(actions);
        more.add(action);
        return new IamGrant(scope, more, bucketInput, bucket, keyInput, key, prefix);
    }

    /** The same with one more action when {@code needed}. */
    public IamGrant andIf(boolean needed, String action) {
        return needed ? and(action) : this;
    }

    /** The same, for a listing narrowed to a prefix (null: not narrowed). */
    public IamGrant withPrefix(String listingPrefix) {
        return new IamGrant(scope, actions, bucketInput, bucket, keyInput, key, listingPrefix);
    }

    /** Whether the bucket is only known at run time. */
    public boolean anyBucket() {
        return scope != Scope.ACCOUNT && bucket == null;
    }

    /** The resource ARN, with {@code *} for a bucket or key that is not known. */
    public String resource() {
        String b = bucket == null ? "*" : bucket;
        return switch (scope) {
            case ACCOUNT -> "*";
            case BUCKET -> ARN + b;
            case OBJECT -> ARN + b + "/" + (key == null ? "*" : key);
            case OBJECTS -> ARN + b + "/*";
        };
    }
}
