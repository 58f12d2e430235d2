package io.trays3.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The policy command on fixture routes (src/test/resources/tools/), YAML and XML, placeholders from a properties file. */
class PolicyCommandTest {

    private static final String ARN = "arn:aws:s3:::";

    @Test
    void everyOperationGetsExactlyTheActionsOfThePermissionTable() {
        PolicyRun run = PolicyRun.fixtures("operations");

        assertThat(run.exit()).as(run.err()).isZero();
        // the README's table "Permissions (IAM)", one bucket per operation; fixed keys narrow the object ARNs
        assertThat(run.grants()).containsExactly(
                entry("*", Set.of("s3:ListAllMyBuckets")),
                entry(ARN + "op-copy-source/a.txt", Set.of("s3:GetObject")),
                entry(ARN + "op-copy-target/b.txt", Set.of("s3:AbortMultipartUpload", "s3:PutObject")),
                entry(ARN + "op-delete-multiple/*", Set.of("s3:DeleteObject")),
                entry(ARN + "op-delete-object/a.txt", Set.of("s3:DeleteObject")),
                entry(ARN + "op-get-object/a.txt", Set.of("s3:GetObject")),
                entry(ARN + "op-head-object/a.txt", Set.of("s3:GetObject")),
                entry(ARN + "op-list-objects", Set.of("s3:ListBucket")),
                entry(ARN + "op-location", Set.of("s3:GetBucketLocation")),
                // the newObjects consumer lists its bucket
                entry(ARN + "op-new-objects", Set.of("s3:ListBucket")),
                entry(ARN + "op-put-acl/a.txt", Set.of("s3:PutObjectAcl")),
                entry(ARN + "op-put-file/a.txt", Set.of("s3:AbortMultipartUpload", "s3:PutObject")),
                entry(ARN + "op-put-text/a.txt", Set.of("s3:PutObject")),
                entry(ARN + "op-signed-url/a.txt", Set.of("s3:GetObject")));
        assertThat(run.statements()).containsKeys("ListAllMyBuckets", "BucketOpLocation", "BucketOpListObjects",
                                                  "ObjectsOpDeleteMultiple", "ObjectsOpPutText");
        assertThat(run.statements().get("ListAllMyBuckets").get("Resource").get(0).asText()).isEqualTo("*");
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
    }

    @Test
    void listAllMyBucketsOnlyWhereBucketsAreListed() {
        PolicyRun run = PolicyRun.fixtures("features/acl.yaml", "features/keys.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).doesNotContainKey("*");
        assertThat(run.out()).doesNotContain("s3:ListAllMyBuckets");
    }

    @Test
    void putObjectAclOnlyWhereAnAclMayBeSet() {
        PolicyRun run = PolicyRun.fixtures("features/acl.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                // acl=... from a property placeholder
                // putObjectFile: with s3:AbortMultipartUpload for an upload that fails
                entry(ARN + "acl-header/*", Set.of("s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl")),
                entry(ARN + "acl-off/a.txt", Set.of("s3:PutObject")),
                entry(ARN + "acl-on/a.txt", Set.of("s3:PutObject", "s3:PutObjectAcl")),
                // the ACL header was removed before the upload
                entry(ARN + "acl-removed/a.txt", Set.of("s3:PutObject")));
    }

    @Test
    void versionActionsOnlyWhereAVersionIdMayBeGiven() {
        PolicyRun run = PolicyRun.fixtures("features/versions.xml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                entry(ARN + "ver-acl/a.txt", Set.of("s3:PutObjectAcl", "s3:PutObjectVersionAcl")),
                // getObject sets CamelTrays3VersionId: deleteObject leaves it alone, headObject reads that version
                entry(ARN + "ver-chain-head/a.txt", Set.of("s3:GetObject", "s3:GetObjectVersion")),
                entry(ARN + "ver-chain/a.txt", Set.of("s3:DeleteObject", "s3:GetObject")),
                entry(ARN + "ver-header/a.txt", Set.of("s3:DeleteObject", "s3:DeleteObjectVersion")),
                entry(ARN + "ver-off/a.txt", Set.of("s3:GetObject")),
                entry(ARN + "ver-on/a.txt", Set.of("s3:GetObject", "s3:GetObjectVersion")),
                // the route removed the marker property: deleteObject deletes the version read
                entry(ARN + "ver-unmarked/a.txt", Set.of("s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject")));
    }

    @Test
    void aFixedKeyNarrowsTheResource() {
        PolicyRun run = PolicyRun.fixtures("features/keys.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                entry(ARN + "keys-dynamic/*", Set.of("s3:GetObject")),
                // IAM reads * ? $ in a resource as wildcards and variables: a literal key escapes them
                entry(ARN + "keys-wildcards/odd${*}name${$}.txt", Set.of("s3:PutObject")),
                entry(ARN + "keys/other/b.txt", Set.of("s3:GetObject")),
                entry(ARN + "keys/reports/q1.csv", Set.of("s3:PutObject")));
        // two action sets on one bucket: one statement each, never GetObject on the uploaded key
        assertThat(run.statements()).containsKeys("ObjectsKeysGetObject", "ObjectsKeysPutObject");
    }

    @Test
    void aSignedPutUrlNeedsPutObject() {
        PolicyRun run = PolicyRun.fixtures("features/signed.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                entry(ARN + "signed/download.bin", Set.of("s3:GetObject")),
                entry(ARN + "signed/upload-2.bin", Set.of("s3:PutObject")),
                entry(ARN + "signed/upload.bin", Set.of("s3:PutObject")));
    }

    @Test
    void listingsGetAPrefixConditionOnlyWhenEveryListingOfTheBucketHasOne() {
        PolicyRun run = PolicyRun.fixtures("features/prefixes.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        Map<String, JsonNode> statements = run.statements();
        assertThat(statements.get("BucketListOne").get("Condition").toString())
                .isEqualTo("{\"StringLike\":{\"s3:prefix\":[\"logs/*\",\"tmp/*\"]}}");
        assertThat(statements.get("BucketListTwo").has("Condition")).isFalse();
        // RAW(...) keeps the + that URI decoding would turn into a space
        assertThat(statements.get("BucketListRaw").get("Condition").toString()).contains("\"a+b/*\"");
        // GetBucketLocation cannot share the statement the condition restricts
        assertThat(statements.get("BucketListThree").get("Action").toString()).isEqualTo("[\"s3:GetBucketLocation\"]");
        assertThat(statements.get("BucketListThree").has("Condition")).isFalse();
        assertThat(statements.get("BucketListThreeListBucket").get("Action").toString()).isEqualTo("[\"s3:ListBucket\"]");
        assertThat(statements.get("BucketListThreeListBucket").get("Condition").toString()).contains("\"x/*\"");
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
    }

    @Test
    void bucketsAndKeysAreFollowedThroughHeadersBranchesLoopsAndCalls() {
        PolicyRun run = PolicyRun.fixtures("features/flows.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                entry(ARN + "flow-after-loop/done.txt", Set.of("s3:GetObject")),
                // the caller sets the bucket header, then calls the route with the trays3 step
                entry(ARN + "flow-called/a.txt", Set.of("s3:GetObject")),
                entry(ARN + "flow-eu/a.txt", Set.of("s3:PutObject")),
                // list -> delete: deleteMultipleObjects takes the bucket from the listing
                entry(ARN + "flow-listed", Set.of("s3:ListBucket")),
                entry(ARN + "flow-listed/*", Set.of("s3:DeleteObject")),
                entry(ARN + "flow-listed2", Set.of("s3:ListBucket")),
                entry(ARN + "flow-listed2/*", Set.of("s3:DeleteObject")),
                entry(ARN + "flow-loop/*", Set.of("s3:PutObject")),
                entry(ARN + "flow-receipts/receipt.json", Set.of("s3:PutObject")),
                entry(ARN + "flow-us/a.txt", Set.of("s3:PutObject")),
                // headObject after an aws2-s3 consumer reads CamelAwsS3BucketName: the consumer's bucket
                entry(ARN + "fx-incoming/*", Set.of("s3:GetObject")));
        assertThat(run.err()).contains("warning: route 'flow-aws2-s3' (src/test/resources/tools/features/flows.yaml): "
                                       + "aws2-s3:fx-incoming (consumer) is a camel-aws2-s3 endpoint: its permissions are"
                                       + " not in this policy");
        assertThat(run.err()).doesNotContain("only known at run time");
    }

    @Test
    void errorHandlersCatchBlocksMulticastsWireTapsAndRestVerbsAreCovered() {
        PolicyRun run = PolicyRun.fixtures("handlers");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                entry("*", Set.of("s3:ListAllMyBuckets")),
                // the catch block may run with or without the bucket header the try block sets
                entry(ARN + "hx-catch/a.txt", Set.of("s3:DeleteObject")),
                entry(ARN + "hx-errors/last-error.txt", Set.of("s3:PutObject")),
                entry(ARN + "hx-multi", Set.of("s3:GetBucketLocation")),
                entry(ARN + "hx-tap/t.txt", Set.of("s3:GetObject")),
                entry(ARN + "hx-try/a.txt", Set.of("s3:DeleteObject", "s3:GetObject")),
                // the route configuration's onException may run while hx-main has its bucket header set
                entry(ARN + "hx-try/last-error.txt", Set.of("s3:PutObject")));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void everyEipThatHoldsAnEndpointOrStepsIsWalked() {
        PolicyRun run = PolicyRun.fixtures("walk/eips.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                // interceptSendToEndpoint's afterUri, sent after the endpoint it intercepts (with the key it set)
                entry(ARN + "w-after/after.txt", Set.of("s3:PutObject")),
                entry(ARN + "w-after/stamped.txt", Set.of("s3:PutObject")),
                // claimCheck Pop brings back the bucket header of the Push
                entry(ARN + "w-claim-current/c.txt", Set.of("s3:DeleteObject", "s3:GetObject")),
                entry(ARN + "w-claim-pushed/c.txt", Set.of("s3:DeleteObject")),
                // errorHandler deadLetterChannel
                entry(ARN + "w-deadletter/failed.txt", Set.of("s3:PutObject")),
                entry(ARN + "w-enrich/e.txt", Set.of("s3:GetObject")),
                // circuitBreaker onFallback
                entry(ARN + "w-fallback/fallback.txt", Set.of("s3:PutObject")),
                // interceptSendToEndpoint: its steps run before the endpoint, and the key header they set reaches it
                entry(ARN + "w-intercept/before.txt", Set.of("s3:GetObject")),
                entry(ARN + "w-intercepted/a.txt", Set.of("s3:PutObject")),
                entry(ARN + "w-intercepted/stamped.txt", Set.of("s3:PutObject")),
                entry(ARN + "w-loadbalance/l.txt", Set.of("s3:GetObject")),
                entry(ARN + "w-multicast-a/m.txt", Set.of("s3:GetObject")),
                entry(ARN + "w-multicast-b/m.txt", Set.of("s3:GetObject")),
                entry(ARN + "w-oncompletion/done.txt", Set.of("s3:PutObject")),
                entry(ARN + "w-recipients/r.txt", Set.of("s3:GetObject")),
                // saga compensation and completion: the key comes from the saga's option
                entry(ARN + "w-saga-compensation/orders/pending.csv", Set.of("s3:DeleteObject")),
                entry(ARN + "w-saga-completion/orders/pending.csv", Set.of("s3:GetObject")),
                entry(ARN + "w-saga/orders/pending.csv", Set.of("s3:PutObject")),
                // a templatedRoute, with the template's parameters
                entry(ARN + "w-templated/t.txt", Set.of("s3:GetObject")),
                entry(ARN + "w-wiretap/tap.txt", Set.of("s3:PutObject")));
        assertThat(warnings(run)).singleElement().asString().startsWith("warning: route template 'w-template'");
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
    }

    @Test
    void whatTheWalkCannotFollowIsWarnedWithItsRouteAndFile() {
        PolicyRun run = PolicyRun.fixtures("walk/unfollowed.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        String file = "(src/test/resources/tools/walk/unfollowed.yaml)";
        assertThat(warnings(run)).hasSize(5)
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'u-recipients' " + file)
                        .contains("recipientList header 'destinations'").endsWith("is not in the policy"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'u-enrich' " + file)
                        .contains("'${header.scheme}:getObject?bucket=u-enrich'").endsWith("is not in the policy"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'u-kamelet' " + file)
                        .contains("kamelet 's3-archive-sink'").endsWith("is not in the policy"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'u-poll' " + file)
                        .contains("pollEnrich").contains("trays3 has no consumer"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route configuration 'u-unused' " + file)
                        .contains("no route read uses it"));
        // the step after the pollEnrich that cannot work
        assertThat(run.grants()).containsOnlyKeys(ARN + "u-after-poll/p.txt");
    }

    @Test
    void aBucketOnlyKnownAtRunTimeGetsAStarAndAWarningNamingTheRoute() {
        PolicyRun run = PolicyRun.fixtures("dynamic/dynamic.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(
                entry(ARN + "*", Set.of("s3:GetBucketLocation")),
                entry(ARN + "*/*", Set.of("s3:DeleteObject", "s3:GetObject", "s3:PutObject")));
        assertThat(run.statements()).containsOnlyKeys("AnyBucket", "AnyBucketObjects");
        String file = "(src/test/resources/tools/dynamic/dynamic.yaml)";
        assertThat(warnings(run)).anySatisfy(w -> assertThat(w).startsWith("warning: route 'dyn-header' " + file)
                        .contains("trays3:putObjectText").contains("${header.target}").contains(ARN + "*/*"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'dyn-tod' " + file)
                        .contains("trays3:getObject").contains("toD"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'dyn-no-bucket' " + file)
                        .contains("trays3:deleteObject").contains("no bucket option"))
                .anySatisfy(w -> assertThat(w).startsWith("warning: route 'dyn-bean' " + file)
                        .contains("trays3:getBucketLocation").contains("'bean' step").endsWith("if you know the buckets"));
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
    }

    @Test
    void afterAStepTheAnalysisCannotSeeIntoTheWarningNamesTheActionsTheResourceAndTheStep() {
        PolicyRun run = PolicyRun.fixtures("walk/example/reports/daily-report.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        // the processor may set any trays3 header: the read may go to any bucket and key, and any version
        assertThat(run.grants()).containsExactly(entry(ARN + "*/*", Set.of("s3:GetObject", "s3:GetObjectVersion")));
        assertThat(warnings(run)).containsExactly("warning: route 'daily-report'"
                + " (src/test/resources/tools/walk/example/reports/daily-report.yaml): trays3:getObject: s3:GetObject,"
                + " s3:GetObjectVersion granted on arn:aws:s3:::*/* because headers CamelTrays3Bucket, CamelTrays3Key and"
                + " CamelTrays3VersionId may be set by the 'process' step (ref=enrich) before it; set these headers with"
                + " constants, or remove them, after that step, or narrow the policy by hand");
    }

    @Test
    void onlyWhatTheStepWidensIsGrantedMoreWidelyAndEachWideGrantIsWarnedOnce() {
        PolicyRun run = PolicyRun.fixtures("walk/opaque.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        // bucket and key set with constants after the processor: only the ACL it may set widens the grant
        assertThat(run.grants()).containsEntry(ARN + "o-acl/a.txt", Set.of("s3:PutObject", "s3:PutObjectAcl"));
        String file = "(src/test/resources/tools/walk/opaque.yaml)";
        // an upload to a fixed bucket and key after a processor: it may set the bucket, the key and an ACL
        PolicyRun upload = PolicyRun.fixtures("walk/upload.yaml");
        assertThat(upload.grants()).containsExactly(entry(ARN + "*/*", Set.of("s3:PutObject", "s3:PutObjectAcl")));
        assertThat(warnings(upload)).containsExactly("warning: route 'o-upload' (src/test/resources/tools/walk/upload.yaml):"
                + " trays3:putObjectText: s3:PutObject,"
                + " s3:PutObjectAcl granted on arn:aws:s3:::*/* because headers CamelTrays3Acl, CamelTrays3Bucket and"
                + " CamelTrays3Key may be set by the 'process' step (ref=enrich) before it; set these headers with"
                + " constants, or remove them, after that step, or narrow the policy by hand");
        assertThat(warnings(run)).contains("warning: route 'o-acl' " + file + ": trays3:putObjectText: s3:PutObjectAcl"
                + " granted on arn:aws:s3:::o-acl/a.txt because header CamelTrays3Acl may be set by the 'process' step"
                + " (ref=stamp) before it; set the header with a constant, or remove it, after that step, or narrow the"
                + " policy by hand");
        // an endpoint of another component: named with the id of its step
        assertThat(warnings(run)).filteredOn(w -> w.contains("route 'o-endpoint'")).singleElement().asString()
                .contains("trays3:getObject: s3:GetObject, s3:GetObjectVersion granted on arn:aws:s3:::*/* because headers"
                          + " CamelTrays3Bucket, CamelTrays3Key and CamelTrays3VersionId may be set by the 'http:' endpoint"
                          + " (id=call-api) before it");
        assertThat(warnings(run)).filteredOn(w -> w.contains("route 'o-listing'") && w.contains("granted on"))
                .singleElement().asString().contains("the body (a listing that names the bucket) may be set by the 'bean'"
                                                     + " step (ref=keepOld, method=filter) before it");
    }

    @Test
    void withTheHeadersFixedAfterTheStepTheGrantIsNarrowAndNothingIsWarned() {
        PolicyRun run = PolicyRun.fixtures("walk/strict/fixed.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.grants()).containsExactly(entry(ARN + "reports/daily.csv", Set.of("s3:GetObject")));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void strictExitsWithThreeOnAGrantWiderThanTheRoutesNameAndZeroOnceTheyAreFixed() {
        PolicyRun wide = PolicyRun.fixtures("--strict", "walk/example/reports/daily-report.yaml");

        assertThat(wide.exit()).isEqualTo(3);
        // the policy and the warnings are printed all the same
        assertThat(wide.json()).isEqualTo(PolicyRun.fixtures("walk/example/reports/daily-report.yaml").json());
        assertThat(wide.err()).contains("warning: route 'daily-report'")
                .endsWith("policy: --strict: 1 grant(s) wider than the routes name (a bucket only known at run time, or"
                          + " widened by a step the analysis cannot see into; see the warnings above)\n");
        // a bucket only known at run time, from the route itself
        assertThat(PolicyRun.fixtures("--strict", "dynamic/dynamic.yaml").exit()).isEqualTo(3);
        // only an action widened (the ACL header the processor may set)
        assertThat(PolicyRun.fixtures("--strict", "walk/opaque.yaml").exit()).isEqualTo(3);

        PolicyRun fixed = PolicyRun.fixtures("--strict", "walk/strict/fixed.yaml");
        assertThat(fixed.exit()).as(fixed.err()).isZero();
        assertThat(fixed.err()).isEmpty();
        assertThat(PolicyRun.fixtures("--strict", "walk/eips.yaml").exit()).isZero();
        // without --strict nothing changes
        assertThat(PolicyRun.fixtures("walk/example/reports/daily-report.yaml").exit()).isZero();
    }

    @Test
    void theReadmeShowsWhatTheToolPrintsForTheWalkExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String command = "java -jar target/trays3-app.jar policy --properties=src/test/resources/tools/walk/walk.properties";
        Matcher shown = Pattern.compile(Pattern.quote(command) + "\n```\n\n```json\n(.*?)```\n\n```\n(.*?)```",
                                        Pattern.DOTALL).matcher(readme);
        assertThat(shown.find()).as("README shows the output of " + command).isTrue();

        PolicyRun run = PolicyRun.run("--properties=src/test/resources/tools/walk/walk.properties");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(shown.group(1));
        assertThat(run.err()).isEqualTo(shown.group(2));
        assertThat(run.grants()).containsKeys(ARN + "orders-fallback/parked/order.json", ARN + "stock/reservations/pending.json");
    }

    @Test
    void everyFixturePolicyIsAValidIamPolicy() {
        for (String fixture : List.of("operations", "features", "dynamic", "handlers")) {
            PolicyRun run = PolicyRun.fixtures(fixture);
            assertThat(run.exit()).as(fixture + ": " + run.err()).isZero();
            assertThat(IamPolicyGrammar.violations(run.json())).as(fixture).isEmpty();
        }
    }

    @Test
    void theGrammarCheckCatchesWhatAwsWouldRefuse() throws Exception {
        JsonNode bad = PolicyRun.MAPPER.readTree("""
                {"Version": "2008-10-17", "Extra": 1, "Statement": [
                  {"Sid": "A-1", "Effect": "Permit", "Action": ["s3:Fly"], "Resource": ["arn:aws:s3:::Bad_Bucket"]},
                  {"Sid": "B", "Effect": "Allow", "Action": [], "Resource": "*", "Principal": "*"},
                  {"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b"}]}""");

        assertThat(IamPolicyGrammar.violations(bad)).hasSizeGreaterThanOrEqualTo(9)
                .anyMatch(v -> v.contains("Version")).anyMatch(v -> v.contains("unknown key Extra"))
                .anyMatch(v -> v.contains("Effect")).anyMatch(v -> v.contains("s3:Fly"))
                .anyMatch(v -> v.contains("Bad_Bucket")).anyMatch(v -> v.contains("unknown key Principal"))
                .anyMatch(v -> v.contains("Action is not")).anyMatch(v -> v.contains("not unique"))
                .anyMatch(v -> v.contains("s3:GetObject on arn:aws:s3:::b,"));
    }

    @Test
    void yamlIsTheSameDocument() throws Exception {
        PolicyRun json = PolicyRun.fixtures("features");
        PolicyRun yaml = PolicyRun.fixtures("--format=yaml", "features");

        assertThat(yaml.exit()).as(yaml.err()).isZero();
        assertThat(yaml.out()).startsWith("Version: \"2012-10-17\"\nStatement:\n  - Sid: ");
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(yaml.out());
        JsonNode tree = PolicyRun.MAPPER.valueToTree(loaded);
        assertThat(tree).isEqualTo(json.json());
        assertThat(yaml.err()).isEqualTo(json.err());
    }

    @Test
    void terraformIsAnAwsIamPolicyDocumentBlock() {
        PolicyRun json = PolicyRun.fixtures("features");
        PolicyRun tf = PolicyRun.fixtures("--format=terraform", "features");

        assertThat(tf.exit()).as(tf.err()).isZero();
        String out = tf.out();
        assertThat(out).startsWith("data \"aws_iam_policy_document\" \"trays3\" {\n  version = \"2012-10-17\"\n").endsWith("}\n");
        String blocks = out.replaceAll("\\$\\$\\{.\\}", "");
        assertThat(count(blocks, "{")).isEqualTo(count(blocks, "}"));
        List<JsonNode> statements = new ArrayList<>();
        json.json().get("Statement").forEach(statements::add);
        assertThat(count(out, "\n  statement {\n")).isEqualTo(statements.size());
        for (JsonNode statement : statements) {
            StringBuilder block = new StringBuilder("  statement {\n    sid       = \"" + statement.get("Sid").asText() + "\"\n"
                                                    + "    effect    = \"Allow\"\n    actions   = [");
            for (int i = 0; i < statement.get("Action").size(); i++) {
                block.append(i == 0 ? "" : ", ").append('"').append(statement.get("Action").get(i).asText()).append('"');
            }
            block.append("]\n    resources = [");
            for (int i = 0; i < statement.get("Resource").size(); i++) {
                // Terraform would read ${ as a template: written $${
                String resource = statement.get("Resource").get(i).asText().replace("${", "$${");
                block.append(i == 0 ? "" : ", ").append('"').append(resource).append('"');
            }
            block.append("]\n");
            assertThat(out).contains(block);
        }
        assertThat(out).contains("""
                    condition {
                      test     = "StringLike"
                      variable = "s3:prefix"
                      values   = ["logs/*", "tmp/*"]
                    }
                """);
        assertThat(out).contains("odd$${*}name$${$}.txt");
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() {
        for (String[] args : List.of(new String[] {"--format=xml"}, new String[] {"--format"}, new String[] {"--bogus"},
                                     new String[] {"--properties="}, new String[] {"-x", "routes"},
                                     new String[] {"--strict=yes"})) {
            PolicyRun run = PolicyRun.run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("policy: ").contains(PolicyCommand.USAGE);
        }
        assertThat(PolicyRun.run("--format=xml").err()).contains("unknown format 'xml'; allowed: json|yaml|terraform");
    }

    @Test
    void helpGoesToStandardOutput() {
        PolicyRun run = PolicyRun.run("--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith(PolicyCommand.USAGE).contains("--format=terraform").contains("--strict")
                .contains("3 wide grants with --strict");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadOrParsedExitsWithOneAndIsNamed() {
        PolicyRun broken = PolicyRun.fixtures("broken");
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err()).startsWith("policy: cannot load the routes of src/test/resources/tools/broken/broken.yaml");

        PolicyRun missing = PolicyRun.fixtures("no-such-file.yaml");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("policy: cannot read src/test/resources/tools/no-such-file.yaml: no such file");

        PolicyRun notRoutes = PolicyRun.fixtures("fixtures.properties");
        assertThat(notRoutes.exit()).isEqualTo(1);
        assertThat(notRoutes.err()).contains("not a route file (.yaml, .yml or .xml)");

        PolicyRun placeholder = PolicyRun.fixtures("missing-placeholder");
        assertThat(placeholder.exit()).isEqualTo(1);
        assertThat(placeholder.err()).contains("route 'missing-placeholder'")
                .contains("src/test/resources/tools/missing-placeholder/missing.yaml").contains("fx.no-such-property");

        PolicyRun noProperties = PolicyRun.run("--properties=src/test/resources/tools/none.properties",
                                               PolicyRun.TOOLS + "operations");
        assertThat(noProperties.exit()).isEqualTo(1);
        assertThat(noProperties.err()).contains("none.properties");

        PolicyRun nothing = PolicyRun.fixtures("no-trays3");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.out()).isEmpty();
        assertThat(nothing.err()).contains("no trays3 endpoint in [src/test/resources/tools/no-trays3/no-trays3.xml]");
    }

    @Test
    void withoutRouteFilesItReadsTheRoutesTheApplicationLoads() {
        // application.properties: camel.main.routes-include-pattern = file:routes/*.yaml,file:routes/*.xml
        PolicyRun byPattern = PolicyRun.run("--properties=application.properties");
        PolicyRun byFolder = PolicyRun.run("--properties=application.properties", "routes");

        assertThat(byPattern.exit()).as(byPattern.err()).isZero();
        assertThat(byPattern.json()).isEqualTo(byFolder.json());
        assertThat(byPattern.err().lines().sorted().toList()).isEqualTo(byFolder.err().lines().sorted().toList());

        PolicyRun none = PolicyRun.fixtures();
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no trays3 endpoint in the route files of camel.main.routes-include-pattern = "
                                        + "classpath:camel/*,classpath:camel-template/*,classpath:camel-rest/*"
                                        + " (Camel Main's default)");
    }

    @Test
    void theOutputIsStable() {
        PolicyRun first = PolicyRun.fixtures("features", "operations");
        PolicyRun second = PolicyRun.fixtures("operations", "features");

        assertThat(first.out()).isEqualTo(second.out());
        assertThat(first.out()).startsWith("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": ");
    }

    private static List<String> warnings(PolicyRun run) {
        return run.err().lines().filter(l -> l.startsWith("warning: ")).toList();
    }

    private static long count(String text, String part) {
        long n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void warningsNeverPrintTheSecretsOfTheUrisTheyName() {
        PolicyRun run = PolicyRun.fixtures("features/secrets.yaml");

        assertThat(run.err()).as("both endpoints are warned about").contains("'secret-recipients'").contains("'secret-tod'")
                .doesNotContain("RecipientSecret1").doesNotContain("RecipientExt1").doesNotContain("ToDSecret2")
                .doesNotContain("AKIATODEXAMPLE").contains("secretKey=xxxxxx").contains("externalId=xxxxxx");
    }
}
