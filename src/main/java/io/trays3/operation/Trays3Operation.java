package io.trays3.operation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.trays3.Trays3Endpoint;
import io.trays3.operation.IamPermission.Scope;
import org.apache.camel.Producer;

/** The twelve operations; each constant is the token written in the URI path ({@code trays3:putObjectText}). */
public enum Trays3Operation {

    deleteMultipleObjects(DeleteMultipleObjectsProducer::new,
                          new IamPermission(Scope.OBJECTS, "s3:DeleteObject", "s3:DeleteObjectVersion")),
    deleteObject(DeleteObjectProducer::new, new IamPermission(Scope.OBJECT, "s3:DeleteObject", "s3:DeleteObjectVersion")),
    getObject(GetObjectProducer::new, new IamPermission(Scope.OBJECT, "s3:GetObject", "s3:GetObjectVersion")),
    getObjectSignedUrl(GetObjectSignedUrlProducer::new,
                       new IamPermission(Scope.OBJECT, "s3:GetObject", "s3:GetObjectVersion")),
    getBucketLocation(GetBucketLocationProducer::new, new IamPermission(Scope.BUCKET, "s3:GetBucketLocation", null)),
    headObject(HeadObjectProducer::new, new IamPermission(Scope.OBJECT, "s3:GetObject", "s3:GetObjectVersion")),
    listBucketObjects(ListBucketObjectsProducer::new, new IamPermission(Scope.BUCKET, "s3:ListBucket", null)),
    listBuckets(ListBucketsProducer::new, new IamPermission(Scope.ACCOUNT, "s3:ListAllMyBuckets", null)),
    listBucketsDdl(ListBucketsDdlProducer::new, new IamPermission(Scope.ACCOUNT, "s3:ListAllMyBuckets", null)),
    // a multipart upload that fails is aborted: without s3:AbortMultipartUpload it would be left behind
    putObjectFile(PutObjectFileProducer::new, new IamPermission(Scope.OBJECT, "s3:PutObject", null,
                                                                List.of(IamPermission.ABORT_MULTIPART_UPLOAD))),
    putObjectText(PutObjectTextProducer::new, new IamPermission(Scope.OBJECT, "s3:PutObject", null)),
    putObjectAcl(PutObjectAclProducer::new, new IamPermission(Scope.OBJECT, "s3:PutObjectAcl", "s3:PutObjectVersionAcl"));

    private final Function<Trays3Endpoint, Producer> producerFactory;
    private final IamPermission permission;

    Trays3Operation(Function<Trays3Endpoint, Producer> producerFactory, IamPermission permission) {
        this.producerFactory = producerFactory;
        this.permission = permission;
    }

    /** A new producer of this operation for the endpoint. */
    public Producer createProducer(Trays3Endpoint endpoint) {
        return producerFactory.apply(endpoint);
    }

    /** What this operation needs in IAM. */
    public IamPermission permission() {
        return permission;
    }

    /**
     * The operation written in a URI path, or an error that lists the valid ones. Case is forgiven
     * ({@code trays3:PutObjectText} works) since Camel users are used to that from other components.
     */
    public static Trays3Operation fromUri(String token) {
        String wanted = token == null ? "" : token.trim();
        for (Trays3Operation operation : values()) {
            if (operation.name().equals(wanted)) {
                return operation;
            }
        }
        for (Trays3Operation operation : values()) {
            if (operation.name().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return operation;
            }
        }
        throw new IllegalArgumentException("Unknown trays3 operation '" + wanted + "' in trays3:" + wanted
                                           + ". Valid operations: " + names());
    }

    /** The valid operation names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
