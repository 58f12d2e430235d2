package io.trays3.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.trays3.Trays3Constants;
import io.trays3.Trays3Endpoint;
import io.trays3.operation.OperationSpec.Trait;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;

import static io.trays3.operation.IamGrant.account;
import static io.trays3.operation.IamGrant.bucket;
import static io.trays3.operation.IamGrant.object;
import static io.trays3.operation.IamGrant.objects;
import static io.trays3.operation.Input.ACL;
import static io.trays3.operation.Input.ALL_PAGES;
import static io.trays3.operation.Input.BUCKET;
import static io.trays3.operation.Input.CONTENT_TYPE;
import static io.trays3.operation.Input.CONTINUATION_TOKEN;
import static io.trays3.operation.Input.DELETE_AFTER_READ;
import static io.trays3.operation.Input.DELETE_CONCURRENCY;
import static io.trays3.operation.Input.DELIMITER;
import static io.trays3.operation.Input.DESTINATION_BUCKET;
import static io.trays3.operation.Input.DESTINATION_KEY;
import static io.trays3.operation.Input.DESTINATION_PREFIX;
import static io.trays3.operation.Input.DOWNLOAD_CONCURRENCY;
import static io.trays3.operation.Input.DOWNLOAD_PART_SIZE;
import static io.trays3.operation.Input.DRY_RUN;
import static io.trays3.operation.Input.EXPIRES_SECONDS;
import static io.trays3.operation.Input.HTTP_METHOD;
import static io.trays3.operation.Input.KEY;
import static io.trays3.operation.Input.MAX_DELETES;
import static io.trays3.operation.Input.MAX_KEYS;
import static io.trays3.operation.Input.METADATA;
import static io.trays3.operation.Input.MOVE_AFTER_READ;
import static io.trays3.operation.Input.PREFIX;
import static io.trays3.operation.Input.RANGE_FROM;
import static io.trays3.operation.Input.RANGE_TO;
import static io.trays3.operation.Input.START_AFTER;
import static io.trays3.operation.Input.STREAMED;
import static io.trays3.operation.Input.VERSION_ID;

/**
 * The operations; each constant is the token written in the URI path ({@code trays3:putObjectText}) and holds its
 * producer (or, for {@code newObjects}, its consumer) and its {@link OperationSpec}: the inputs it reads, where it looks
 * for them, its traits and its IAM needs. The README's "Permissions (IAM)" table is this enum's grants, written out.
 */
public enum Trays3Operation {

    // a multipart copy (sources above 5 GiB) that fails is aborted, as putObjectFile's uploads are
    copyObject(CopyObjectProducer::new, OperationSpec.of(List.of(BUCKET, KEY, VERSION_ID, DESTINATION_BUCKET, DESTINATION_KEY,
                                                                 ACL, CONTENT_TYPE, METADATA),
            call -> List.of(read(call),
                            object(call, DESTINATION_BUCKET, DESTINATION_KEY, "s3:PutObject").and("s3:AbortMultipartUpload")
                                    .andIf(call.given(ACL), "s3:PutObjectAcl")))
            .fallback(DESTINATION_BUCKET, InputPlace.otherHeader(Trays3Constants.AWS2_S3_DESTINATION_BUCKET),
                      InputPlace.sameAs(BUCKET))
            .fallback(DESTINATION_KEY, InputPlace.otherHeader(Trays3Constants.AWS2_S3_DESTINATION_KEY), InputPlace.sameAs(KEY))
            .with(Trait.READS_VERSION)),
    deleteMultipleObjects(DeleteMultipleObjectsProducer::new, OperationSpec.of(List.of(BUCKET, DELETE_CONCURRENCY,
                                                                                       MAX_DELETES, DRY_RUN),
            call -> List.of(objects(call, BUCKET, "s3:DeleteObject")
                                    .andIf(call.given(VERSION_ID), "s3:DeleteObjectVersion")))
            // a listing in the body names its bucket: below the trays3 header and the URI option, above the rest
            .fallback(BUCKET, InputPlace.LISTING, InputPlace.otherHeader(Trays3Constants.AWS2_S3_BUCKET))
            .with(Trait.KEYS_FROM_BODY, Trait.CHANGES_VERSION)),
    deleteObject(DeleteObjectProducer::new, OperationSpec.of(List.of(BUCKET, KEY, VERSION_ID),
            call -> List.of(object(call, BUCKET, KEY, "s3:DeleteObject")
                                    .andIf(call.given(VERSION_ID), "s3:DeleteObjectVersion")))
            .with(Trait.CHANGES_VERSION)),
    getObject(GetObjectProducer::new, OperationSpec.of(List.of(BUCKET, KEY, VERSION_ID, RANGE_FROM, RANGE_TO,
                                                                   DOWNLOAD_CONCURRENCY, DOWNLOAD_PART_SIZE),
            call -> List.of(read(call)))
            .with(Trait.READS_VERSION, Trait.REPORTS_READ_VERSION)),
    getObjectSignedUrl(GetObjectSignedUrlProducer::new,
            OperationSpec.of(List.of(BUCKET, KEY, VERSION_ID, EXPIRES_SECONDS, HTTP_METHOD, CONTENT_TYPE),
                    // whoever holds a PUT URL uploads with the signer's rights
                    call -> "PUT".equals(call.valueOf(HTTP_METHOD)) ? List.of(object(call, BUCKET, KEY, "s3:PutObject"))
                            : List.of(read(call)))
            .with(Trait.READS_VERSION)),
    getBucketLocation(GetBucketLocationProducer::new, OperationSpec.of(List.of(BUCKET),
            call -> List.of(bucket(call, BUCKET, "s3:GetBucketLocation")))),
    headObject(HeadObjectProducer::new, OperationSpec.of(List.of(BUCKET, KEY, VERSION_ID),
            call -> List.of(read(call)))
            .with(Trait.READS_VERSION)),
    listBucketObjects(ListBucketObjectsProducer::new,
            OperationSpec.of(List.of(BUCKET, PREFIX, DELIMITER, MAX_KEYS, CONTINUATION_TOKEN, START_AFTER, ALL_PAGES,
                                     STREAMED),
                    call -> List.of(bucket(call, BUCKET, "s3:ListBucket").withPrefix(call.valueOf(PREFIX))))
            .with(Trait.LISTS_BUCKET)),
    listBuckets(ListBucketsProducer::new, OperationSpec.of(List.of(), call -> List.of(account("s3:ListAllMyBuckets")))),
    listBucketsDdl(ListBucketsDdlProducer::new, OperationSpec.of(List.of(),
            call -> List.of(account("s3:ListAllMyBuckets")))),
    // the consumer: lists its bucket (or reads S3 event notifications) and starts one exchange per new or changed object,
    // with the bucket and key headers set; after an exchange succeeds it may delete the object, or move it
    newObjects(NewObjectsConsumer::new, OperationSpec.of(List.of(BUCKET, PREFIX, DESTINATION_BUCKET, DESTINATION_PREFIX,
                                                                 DELETE_AFTER_READ, MOVE_AFTER_READ),
            Trays3Operation::consume)
            .fallback(DESTINATION_BUCKET, InputPlace.sameAs(BUCKET))
            .setting(BUCKET, KEY)),
    // a multipart upload that fails is aborted: without s3:AbortMultipartUpload it would be left behind
    putObjectFile(PutObjectFileProducer::new, OperationSpec.of(List.of(BUCKET, KEY, ACL, CONTENT_TYPE, METADATA),
            call -> List.of(object(call, BUCKET, KEY, "s3:PutObject").and("s3:AbortMultipartUpload")
                                    .andIf(call.given(ACL), "s3:PutObjectAcl")))
            // a file-component message names its file: the key when nothing else does
            .fallback(KEY, InputPlace.otherHeader(Trays3Constants.AWS2_S3_KEY),
                      InputPlace.otherHeader(Exchange.FILE_NAME))
            .with(Trait.UPLOADS)),
    putObjectText(PutObjectTextProducer::new, OperationSpec.of(List.of(BUCKET, KEY, ACL, CONTENT_TYPE, METADATA),
            call -> List.of(object(call, BUCKET, KEY, "s3:PutObject").andIf(call.given(ACL), "s3:PutObjectAcl")))
            .with(Trait.UPLOADS)),
    putObjectAcl(PutObjectAclProducer::new, OperationSpec.of(List.of(BUCKET, KEY, VERSION_ID, ACL),
            call -> List.of(object(call, BUCKET, KEY, "s3:PutObjectAcl")
                                    .andIf(call.given(VERSION_ID), "s3:PutObjectVersionAcl")))
            .with(Trait.CHANGES_VERSION));

    private final Function<Trays3Endpoint, Producer> producerFactory;
    private final BiFunction<Trays3Endpoint, Processor, Consumer> consumerFactory;
    private final OperationSpec spec;
    /** The places of each input, worked out once: every exchange resolves its inputs through them. */
    private final Map<Input<?>, List<InputPlace>> places = new ConcurrentHashMap<>();

    Trays3Operation(Function<Trays3Endpoint, Producer> producerFactory, OperationSpec spec) {
        this.producerFactory = producerFactory;
        this.consumerFactory = null;
        this.spec = spec;
        spec.check(name());
    }

    /** A consumer ({@code from(...)}): it has the trait {@link Trait#CONSUMES} and no producer. */
    Trays3Operation(BiFunction<Trays3Endpoint, Processor, Consumer> consumerFactory, OperationSpec spec) {
        this.producerFactory = null;
        this.consumerFactory = consumerFactory;
        this.spec = spec.with(Trait.CONSUMES);
    }

    /** A new producer of this operation for the endpoint; a consumer operation refuses, saying where it belongs. */
    public Producer createProducer(Trays3Endpoint endpoint) {
        if (producerFactory == null) {
            throw new IllegalArgumentException("trays3:" + this + " is a consumer: use it in from(...), not in to(...)");
        }
        return producerFactory.apply(endpoint);
    }

    /** A new consumer of this operation for the endpoint; an operation that only sends refuses, saying what consumes. */
    public Consumer createConsumer(Trays3Endpoint endpoint, Processor processor) {
        if (consumerFactory == null) {
            throw new UnsupportedOperationException("trays3:" + this + " only sends (use it in to(...)); to react to new"
                                                    + " objects, consume from trays3:newObjects");
        }
        return consumerFactory.apply(endpoint, processor);
    }

    /** What this operation is: inputs, places, traits, IAM needs. */
    public OperationSpec spec() {
        return spec;
    }

    /** Where this operation looks for an input, first place first. */
    public List<InputPlace> places(Input<?> input) {
        return places.computeIfAbsent(input, spec::places);
    }

    /** Whether this operation has the trait. */
    public boolean has(Trait trait) {
        return spec.has(trait);
    }

    /** What one call of this operation needs in IAM. */
    public List<IamGrant> grants(IamCall call) {
        return spec.grants(call);
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

    /**
     * What newObjects needs: the listing of its bucket (narrowed to its prefix); with moveAfterRead a copyObject of each
     * object to the destination (which reads the source, and aborts a multipart copy that fails) and its delete; with
     * deleteAfterRead the delete alone.
     */
    private static List<IamGrant> consume(IamCall call) {
        List<IamGrant> grants = new ArrayList<>();
        grants.add(bucket(call, BUCKET, "s3:ListBucket").withPrefix(call.valueOf(PREFIX)));
        if (call.given(MOVE_AFTER_READ)) {
            grants.add(objects(call, BUCKET, "s3:GetObject").and("s3:DeleteObject"));
            grants.add(objects(call, DESTINATION_BUCKET, "s3:PutObject").and("s3:AbortMultipartUpload"));
        } else if (call.given(DELETE_AFTER_READ)) {
            grants.add(objects(call, BUCKET, "s3:DeleteObject"));
        }
        return grants;
    }

    /** Reading an object (or one of its versions). */
    private static IamGrant read(IamCall call) {
        return object(call, BUCKET, KEY, "s3:GetObject").andIf(call.given(VERSION_ID), "s3:GetObjectVersion");
    }
}
