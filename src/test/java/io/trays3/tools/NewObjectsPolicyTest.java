package io.trays3.tools;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The policy for routes that start from the newObjects consumer: the listing (with its prefix as a condition), the
 * deletes and the move only where deleteAfterRead or moveAfterRead are true, and the steps after it get the consumer's
 * bucket with any key; the tools name no operation to do it (EveryOperationTest).
 */
class NewObjectsPolicyTest {

    private static final String ARN = "arn:aws:s3:::";

    @Test
    void aNewObjectsRouteIsGrantedWhatTheConsumerAndItsStepsNeed() {
        PolicyRun run = PolicyRun.fixtures("features/consumer.yaml");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
        assertThat(run.grants()).containsExactly(
                // moveAfterRead: copyObject (reads the source, aborts a failed multipart copy), then deleteObject
                entry(ARN + "cx-archive/*", Set.of("s3:AbortMultipartUpload", "s3:PutObject")),
                entry(ARN + "cx-drop", Set.of("s3:ListBucket")),
                entry(ARN + "cx-drop/*", Set.of("s3:DeleteObject")),
                entry(ARN + "cx-inbox", Set.of("s3:ListBucket")),
                entry(ARN + "cx-inbox/*", Set.of("s3:DeleteObject", "s3:GetObject")),
                // false adds nothing, and the destination of a move that is off is not granted
                entry(ARN + "cx-keep", Set.of("s3:ListBucket")),
                entry(ARN + "cx-receipts/last.json", Set.of("s3:PutObject")),
                entry(ARN + "cx-self", Set.of("s3:ListBucket")),
                entry(ARN + "cx-self/*", Set.of("s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject",
                                                "s3:PutObject")),
                entry(ARN + "fx-incoming", Set.of("s3:ListBucket")),
                // headObject after the consumer: its bucket header is the consumer's bucket, its key any key; the
                // putObjectText after it too, since the header ranks above its bucket option
                entry(ARN + "fx-incoming/*", Set.of("s3:GetObject", "s3:PutObject")));
        assertThat(condition(run, ARN + "fx-incoming")).as("the listing narrowed to the prefix").isEqualTo("[\"orders/*\"]");
        assertThat(condition(run, ARN + "cx-self")).isEqualTo("[\"in/*\"]");
        assertThat(condition(run, ARN + "cx-inbox")).as("a listing of the whole bucket").isNull();
        assertThat(run.err()).contains("warning: route 'cx-misplaced' (src/test/resources/tools/features/consumer.yaml):"
                                       + " 'trays3:newObjects' is a consumer: in a to(...) the route would not start; it is"
                                       + " not in the policy")
                .contains("warning: route 'cx-producer-as-consumer' (src/test/resources/tools/features/consumer.yaml):"
                          + " 'from: trays3:headObject': trays3:headObject only sends, this route cannot start")
                .doesNotContain("only known at run time").doesNotContain("has no consumer");
    }

    /** The s3:prefix condition of the ListBucket statement on the resource, as JSON, or null. */
    private static String condition(PolicyRun run, String resource) {
        for (JsonNode statement : run.json().get("Statement")) {
            if (statement.get("Resource").toString().contains("\"" + resource + "\"") && statement.has("Condition")) {
                return statement.get("Condition").get("StringLike").get("s3:prefix").toString();
            }
        }
        return null;
    }
}
