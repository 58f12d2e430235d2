package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;

/**
 * What an operation needs in IAM: its action, the further actions every call may need, the extra action for a specific
 * version, and the resource they act on.
 *
 * @param scope         what kind of resource the actions apply to
 * @param action        the action every call needs
 * @param versionAction the action needed instead when a versionId is given, or null
 * @param alsoActions   further actions every call may need, on the same resource: putObjectFile aborts a multipart upload
 *                      that fails (s3:AbortMultipartUpload), so that no unfinished upload is left behind
 */
public record IamPermission(Scope scope, String action, String versionAction, List<String> alsoActions) {

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

    /** The action that sets a canned ACL while uploading. */
    public static final String PUT_OBJECT_ACL = "s3:PutObjectAcl";
    /** The action that removes an unfinished multipart upload and its parts. */
    public static final String ABORT_MULTIPART_UPLOAD = "s3:AbortMultipartUpload";

    /** The further actions are copied; null means none. */
    public IamPermission {
        alsoActions = alsoActions == null ? List.of() : List.copyOf(alsoActions);
    }

    /** A permission without further actions. */
    public IamPermission(Scope scope, String action, String versionAction) {
        this(scope, action, versionAction, List.of());
    }

    /**
     * The actions one call needs.
     *
     * @param versioned whether the call names a versionId
     * @param withAcl   whether the call sets a canned ACL while uploading
     */
    public List<String> actions(boolean versioned, boolean withAcl) {
        List<String> actions = new ArrayList<>();
        actions.add(action);
        actions.addAll(alsoActions);
        if (versioned && versionAction != null) {
            actions.add(versionAction);
        }
        if (withAcl && !action.equals(PUT_OBJECT_ACL)) {
            actions.add(PUT_OBJECT_ACL);
        }
        return actions;
    }

    /** The resource ARN for a bucket and key (either may be null, then {@code *} stands in). */
    public String resource(String bucket, String key) {
        String b = bucket == null ? "*" : bucket;
        return switch (scope) {
            case ACCOUNT -> "*";
            case BUCKET -> "arn:aws:s3:::" + b;
            case OBJECT -> "arn:aws:s3:::" + b + "/" + (key == null ? "*" : key);
            case OBJECTS -> "arn:aws:s3:::" + b + "/*";
        };
    }
}
