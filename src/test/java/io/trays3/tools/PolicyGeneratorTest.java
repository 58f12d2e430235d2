package io.trays3.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.trays3.operation.Input;
import io.trays3.operation.Trays3Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The generator on hand-made uses: the README's permission table, merging, wildcards and names. */
class PolicyGeneratorTest {

    private static final String ARN = "arn:aws:s3:::";

    /** The README's "Permissions (IAM)" table, without the optional version/ACL actions. */
    private static final Map<Trays3Operation, Set<String>> TABLE = Map.ofEntries(
            // s3:GetObject on the source, s3:PutObject on the destination; a large copy that fails is aborted
            Map.entry(Trays3Operation.copyObject, Set.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload")),
            Map.entry(Trays3Operation.deleteObject, Set.of("s3:DeleteObject")),
            Map.entry(Trays3Operation.deleteMultipleObjects, Set.of("s3:DeleteObject")),
            Map.entry(Trays3Operation.getObject, Set.of("s3:GetObject")),
            Map.entry(Trays3Operation.getObjectSignedUrl, Set.of("s3:GetObject")),
            Map.entry(Trays3Operation.headObject, Set.of("s3:GetObject")),
            Map.entry(Trays3Operation.getBucketLocation, Set.of("s3:GetBucketLocation")),
            Map.entry(Trays3Operation.listBucketObjects, Set.of("s3:ListBucket")),
            Map.entry(Trays3Operation.listBuckets, Set.of("s3:ListAllMyBuckets")),
            Map.entry(Trays3Operation.listBucketsDdl, Set.of("s3:ListAllMyBuckets")),
            Map.entry(Trays3Operation.putObjectText, Set.of("s3:PutObject")),
            // a multipart upload that fails is aborted
            Map.entry(Trays3Operation.putObjectFile, Set.of("s3:PutObject", "s3:AbortMultipartUpload")),
            Map.entry(Trays3Operation.putObjectAcl, Set.of("s3:PutObjectAcl")),
            // the consumer lists its bucket; deleteAfterRead and moveAfterRead add their actions (not given here)
            Map.entry(Trays3Operation.newObjects, Set.of("s3:ListBucket")));
    /** The same table's "+ ..." actions, with a versionId. */
    private static final Map<Trays3Operation, Set<String>> WITH_VERSION = Map.of(
            Trays3Operation.copyObject, Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:AbortMultipartUpload"),
            Trays3Operation.deleteObject, Set.of("s3:DeleteObject", "s3:DeleteObjectVersion"),
            Trays3Operation.deleteMultipleObjects, Set.of("s3:DeleteObject", "s3:DeleteObjectVersion"),
            Trays3Operation.getObject, Set.of("s3:GetObject", "s3:GetObjectVersion"),
            Trays3Operation.getObjectSignedUrl, Set.of("s3:GetObject", "s3:GetObjectVersion"),
            Trays3Operation.headObject, Set.of("s3:GetObject", "s3:GetObjectVersion"),
            Trays3Operation.putObjectAcl, Set.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl"));

    private final PolicyGenerator generator = new PolicyGenerator();

    @Test
    void eachOperationAloneGetsTheActionsOfTheTable() {
        for (Trays3Operation operation : Trays3Operation.values()) {
            Policy policy = generator.generate(List.of(use(operation, "b1", "k.txt")));
            // one statement per resource: copyObject reads one object and writes another
            assertThat(policy.statements()).as(operation.name()).hasSize(operation == Trays3Operation.copyObject ? 2 : 1);
            assertThat(actions(policy)).as(operation.name()).containsExactlyInAnyOrderElementsOf(TABLE.get(operation));
        }
    }

    @Test
    void versionActionsComeWithAVersionIdOnly() {
        for (Trays3Operation operation : Trays3Operation.values()) {
            EndpointUse versioned = use(operation, "b1", "k.txt", null, Set.of(Input.VERSION_ID), "GET");
            Set<String> expected = WITH_VERSION.getOrDefault(operation, TABLE.get(operation));
            assertThat(actions(generator.generate(List.of(versioned)))).as(operation.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void putObjectAclComesWithAnAclOnUploadsOnly() {
        EndpointUse text = withAcl(Trays3Operation.putObjectText);
        EndpointUse file = withAcl(Trays3Operation.putObjectFile);
        EndpointUse get = withAcl(Trays3Operation.getObject);

        assertThat(actions(generator.generate(List.of(text)))).containsExactly("s3:PutObject", "s3:PutObjectAcl");
        assertThat(actions(generator.generate(List.of(file))))
                .containsExactly("s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl");
        assertThat(actions(generator.generate(List.of(get)))).containsExactly("s3:GetObject");
    }

    @Test
    void onlyPutObjectFileMayAbortAMultipartUpload() {
        Policy policy = generator.generate(List.of(use(Trays3Operation.putObjectText, "b1", "text.txt"),
                                                   use(Trays3Operation.putObjectFile, "b1", "file.bin")));

        assertThat(policy.statements()).hasSize(2);
        assertThat(policy.statements()).filteredOn(s -> s.resources().contains(ARN + "b1/text.txt")).singleElement()
                .satisfies(s -> assertThat(s.actions()).containsExactly("s3:PutObject"));
        assertThat(policy.statements()).filteredOn(s -> s.resources().contains(ARN + "b1/file.bin")).singleElement()
                .satisfies(s -> assertThat(s.actions()).containsExactly("s3:AbortMultipartUpload", "s3:PutObject"));
    }

    @Test
    void aSignedPutUrlNeedsPutObjectNotGetObject() {
        EndpointUse put = use(Trays3Operation.getObjectSignedUrl, "b1", "k", null, Set.of(Input.VERSION_ID), "PUT");

        assertThat(actions(generator.generate(List.of(put)))).containsExactly("s3:PutObject");
    }

    @Test
    void listAllMyBucketsIsOneStatementOnStar() {
        Policy policy = generator.generate(List.of(use(Trays3Operation.listBuckets, null, null),
                                                   use(Trays3Operation.listBucketsDdl, null, null),
                                                   use(Trays3Operation.getObject, "b1", "k")));

        assertThat(policy.statements().get(0)).isEqualTo(new Policy.Statement("ListAllMyBuckets",
                List.of("s3:ListAllMyBuckets"), List.of("*"), null));
        assertThat(policy.statements()).hasSize(2);
        assertThat(generator.generate(List.of(use(Trays3Operation.getObject, "b1", "k"))).statements())
                .noneMatch(s -> s.actions().contains("s3:ListAllMyBuckets"));
    }

    @Test
    void aWholeBucketGrantAbsorbsTheKeysItCovers() {
        Policy policy = generator.generate(List.of(use(Trays3Operation.getObject, "b1", "a.txt"),
                                                   use(Trays3Operation.getObject, "b1", null),
                                                   use(Trays3Operation.putObjectText, "b1", "a.txt")));

        assertThat(grants(policy)).containsExactly(entry(ARN + "b1/*", Set.of("s3:GetObject")),
                                                   entry(ARN + "b1/a.txt", Set.of("s3:PutObject")));
    }

    @Test
    void aRunTimeBucketAbsorbsWhatItCovers() {
        EndpointUse dynamic = use(Trays3Operation.getObject, null, null);
        EndpointUse dynamicLocation = use(Trays3Operation.getBucketLocation, null, null);
        Policy policy = generator.generate(List.of(use(Trays3Operation.getObject, "b1", "a.txt"), dynamic, dynamicLocation,
                                                   use(Trays3Operation.putObjectText, "b1", "a.txt"),
                                                   use(Trays3Operation.getBucketLocation, "b2", null)));

        assertThat(grants(policy)).containsExactly(entry(ARN + "*", Set.of("s3:GetBucketLocation")),
                                                   entry(ARN + "*/*", Set.of("s3:GetObject")),
                                                   entry(ARN + "b1/a.txt", Set.of("s3:PutObject")));
        assertThat(policy.statements()).extracting(Policy.Statement::sid)
                .containsExactly("ObjectsB1", "AnyBucket", "AnyBucketObjects");
        assertThat(generator.warnings(List.of(dynamic, dynamicLocation))).containsExactly(
                "route 'r' (f): trays3:getObject: the bucket is only known at run time (why); granted on arn:aws:s3:::*/*"
                + " - narrow it by hand if you know the buckets",
                "route 'r' (f): trays3:getBucketLocation: the bucket is only known at run time (why); granted on"
                + " arn:aws:s3:::* - narrow it by hand if you know the buckets");
    }

    @Test
    void aPrefixConditionOnlyWhenEveryListingOfTheBucketHasAPrefix() {
        Policy both = generator.generate(List.of(listing("b1", "tmp/"), listing("b1", "logs/")));
        Policy mixed = generator.generate(List.of(listing("b1", "tmp/"), listing("b1", null)));

        assertThat(both.statements()).containsExactly(new Policy.Statement("BucketB1", List.of("s3:ListBucket"),
                List.of(ARN + "b1"), new Policy.Condition("StringLike", "s3:prefix", List.of("logs/*", "tmp/*"))));
        assertThat(mixed.statements()).containsExactly(new Policy.Statement("BucketB1", List.of("s3:ListBucket"),
                List.of(ARN + "b1"), null));
    }

    @Test
    void sidsAreCamelCaseAlphanumericAndUnique() {
        Policy policy = generator.generate(List.of(use(Trays3Operation.getObject, "my-bucket", "k"),
                                                   use(Trays3Operation.getObject, "my.bucket", "k"),
                                                   use(Trays3Operation.getBucketLocation, "trays3-demo.reports", null)));

        assertThat(policy.statements()).extracting(Policy.Statement::sid)
                .containsExactly("ObjectsMyBucket", "ObjectsMyBucket2", "BucketTrays3DemoReports");
    }

    @Test
    void wildcardCharactersOfKeysAndPrefixesAreEscaped() {
        assertThat(PolicyGenerator.escape("a*b?c$d.txt")).isEqualTo("a${*}b${?}c${$}d.txt");
        assertThat(PolicyGenerator.isFixed("in/${header.name}")).isFalse();
        assertThat(PolicyGenerator.isFixed("in/report.csv")).isTrue();
        assertThat(generator.generate(List.of(listing("b1", "x*"))).statements().get(0).condition().values())
                .containsExactly("x${*}*");
    }

    @Test
    void theSameUsesInAnyOrderGiveTheSamePolicy() {
        List<EndpointUse> uses = new ArrayList<>(List.of(use(Trays3Operation.getObject, "b2", "k"),
                                                         use(Trays3Operation.putObjectText, "b1", "x"),
                                                         use(Trays3Operation.listBuckets, null, null),
                                                         listing("b1", "p/"),
                                                         use(Trays3Operation.deleteObject, "b2", "k")));
        Policy forward = generator.generate(uses);
        java.util.Collections.reverse(uses);

        assertThat(generator.generate(uses)).isEqualTo(forward);
        assertThat(PolicyFormat.JSON.render(generator.generate(uses))).isEqualTo(PolicyFormat.JSON.render(forward));
    }

    private static EndpointUse use(Trays3Operation operation, String bucket, String key) {
        return use(operation, bucket, key, null, Set.of(), "GET");
    }

    /** A use as the route scanner records it; a bucket only known at run time (null) has the reason "why". */
    private static EndpointUse use(Trays3Operation operation, String bucket, String key, String prefix, Set<Input<?>> given,
                                   String httpMethod) {
        Map<Input<?>, String> values = new LinkedHashMap<>();
        values.put(Input.BUCKET, bucket);
        values.put(Input.KEY, key);
        values.put(Input.DESTINATION_BUCKET, "b2");
        values.put(Input.DESTINATION_KEY, key);
        values.put(Input.PREFIX, prefix);
        values.put(Input.HTTP_METHOD, httpMethod);
        return new EndpointUse("r", "f", operation, values, given, bucket == null ? Map.of(Input.BUCKET, "why") : Map.of());
    }

    private static EndpointUse withAcl(Trays3Operation operation) {
        return use(operation, "b1", "k", null, Set.of(Input.ACL), "GET");
    }

    private static EndpointUse listing(String bucket, String prefix) {
        return use(Trays3Operation.listBucketObjects, bucket, null, prefix, Set.of(), "GET");
    }

    private static Set<String> actions(Policy policy) {
        Set<String> actions = new TreeSet<>();
        policy.statements().forEach(s -> actions.addAll(s.actions()));
        return actions;
    }

    private static Map<String, Set<String>> grants(Policy policy) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (Policy.Statement statement : policy.statements()) {
            for (String resource : statement.resources()) {
                grants.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(statement.actions());
            }
        }
        return grants;
    }
}
