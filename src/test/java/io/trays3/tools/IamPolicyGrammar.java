package io.trays3.tools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a policy document against the IAM policy grammar (identity-based policies, S3 actions): what AWS would
 * refuse, plus the S3 rule that bucket actions name buckets and object actions name objects.
 */
final class IamPolicyGrammar {

    /** Real S3 actions (the ones a trays3 policy could plausibly use, and their neighbours). */
    static final Set<String> S3_ACTIONS = Set.of(
            "s3:AbortMultipartUpload", "s3:CreateBucket", "s3:DeleteBucket", "s3:DeleteObject", "s3:DeleteObjectTagging",
            "s3:DeleteObjectVersion", "s3:DeleteObjectVersionTagging", "s3:GetBucketAcl", "s3:GetBucketLocation",
            "s3:GetBucketOwnershipControls", "s3:GetBucketPolicy", "s3:GetBucketVersioning", "s3:GetObject",
            "s3:GetObjectAcl", "s3:GetObjectAttributes", "s3:GetObjectTagging", "s3:GetObjectVersion",
            "s3:GetObjectVersionAcl", "s3:GetObjectVersionAttributes", "s3:GetObjectVersionTagging", "s3:ListAllMyBuckets",
            "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:ListMultipartUploadParts",
            "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging",
            "s3:PutObjectVersionAcl", "s3:PutObjectVersionTagging", "s3:RestoreObject");
    /** Actions on the bucket itself (resource arn:aws:s3:::BUCKET). */
    static final Set<String> BUCKET_ACTIONS = Set.of("s3:CreateBucket", "s3:DeleteBucket", "s3:GetBucketAcl",
            "s3:GetBucketLocation", "s3:GetBucketOwnershipControls", "s3:GetBucketPolicy", "s3:GetBucketVersioning",
            "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:PutBucketAcl",
            "s3:PutBucketPolicy");

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
                                                             "Condition");
    private static final Set<String> CONDITION_OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringLike",
                                                                  "StringNotLike", "StringEqualsIgnoreCase", "Bool",
                                                                  "ArnLike", "ArnEquals", "IpAddress", "NumericEquals");
    private static final Pattern ACTION = Pattern.compile("s3:[A-Za-z*]+");
    private static final Pattern RESOURCE = Pattern.compile("\\*|arn:aws:s3:::[a-z0-9.\\-*]+(/.*)?");
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");

    private IamPolicyGrammar() {
    }

    /** What is wrong with the document; empty when it is a valid policy. */
    static List<String> violations(JsonNode policy) {
        List<String> problems = new ArrayList<>();
        if (policy == null || !policy.isObject()) {
            problems.add("the policy is not a JSON object");
            return problems;
        }
        unknownKeys(policy, TOP_LEVEL, "top level", problems);
        if (!"2012-10-17".equals(text(policy.get("Version")))) {
            problems.add("Version is " + policy.get("Version") + ", not \"2012-10-17\"");
        }
        JsonNode statements = policy.get("Statement");
        if (statements == null || !statements.isArray() || statements.isEmpty()) {
            problems.add("Statement is not a non-empty array");
            return problems;
        }
        Set<String> sids = new HashSet<>();
        int index = 0;
        for (JsonNode statement : statements) {
            String where = "Statement[" + index++ + "]";
            if (!statement.isObject()) {
                problems.add(where + " is not an object");
                continue;
            }
            unknownKeys(statement, STATEMENT_KEYS, where, problems);
            JsonNode sid = statement.get("Sid");
            if (sid != null && (!sid.isTextual() || !SID.matcher(sid.asText()).matches() || !sids.add(sid.asText()))) {
                problems.add(where + " Sid " + sid + " is not alphanumeric or not unique");
            }
            String effect = text(statement.get("Effect"));
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                problems.add(where + " Effect is " + statement.get("Effect"));
            }
            List<String> actions = strings(statement.get("Action"), where + " Action", problems);
            for (String action : actions) {
                if (!ACTION.matcher(action).matches() || !S3_ACTIONS.contains(action)) {
                    problems.add(where + " Action " + action + " is not a known S3 action");
                }
            }
            List<String> resources = strings(statement.get("Resource"), where + " Resource", problems);
            for (String resource : resources) {
                if (!RESOURCE.matcher(resource).matches()) {
                    problems.add(where + " Resource " + resource + " is not an S3 ARN or *");
                }
            }
            scopes(actions, resources, where, problems);
            JsonNode condition = statement.get("Condition");
            if (condition != null) {
                condition(condition, where, problems);
            }
        }
        return problems;
    }

    /** Bucket actions on buckets, object actions on objects, ListAllMyBuckets on *. */
    private static void scopes(List<String> actions, List<String> resources, String where, List<String> problems) {
        for (String action : actions) {
            for (String resource : resources) {
                boolean ok;
                if ("s3:ListAllMyBuckets".equals(action)) {
                    ok = "*".equals(resource);
                } else if (BUCKET_ACTIONS.contains(action)) {
                    ok = resource.startsWith("arn:aws:s3:::") && !resource.contains("/");
                } else {
                    ok = resource.startsWith("arn:aws:s3:::") && resource.contains("/");
                }
                if (!ok) {
                    problems.add(where + " grants " + action + " on " + resource + ", which that action does not apply to");
                }
            }
        }
    }

    private static void condition(JsonNode condition, String where, List<String> problems) {
        if (!condition.isObject() || condition.isEmpty()) {
            problems.add(where + " Condition is not a non-empty object");
            return;
        }
        for (Iterator<String> operators = condition.fieldNames(); operators.hasNext();) {
            String operator = operators.next();
            if (!CONDITION_OPERATORS.contains(operator)) {
                problems.add(where + " Condition operator " + operator + " is unknown");
            }
            JsonNode keys = condition.get(operator);
            if (!keys.isObject() || keys.isEmpty()) {
                problems.add(where + " Condition " + operator + " is not a non-empty object");
                continue;
            }
            for (Iterator<String> names = keys.fieldNames(); names.hasNext();) {
                String key = names.next();
                if (!key.matches("(aws|s3):[A-Za-z\\-]+")) {
                    problems.add(where + " Condition key " + key + " is not a global or S3 condition key");
                }
                strings(keys.get(key), where + " Condition " + operator + " " + key, problems);
            }
        }
    }

    private static List<String> strings(JsonNode node, String where, List<String> problems) {
        List<String> values = new ArrayList<>();
        if (node != null && node.isTextual()) {
            values.add(node.asText());
        } else if (node != null && node.isArray() && !node.isEmpty()) {
            for (JsonNode item : node) {
                if (item.isTextual()) {
                    values.add(item.asText());
                } else {
                    problems.add(where + " holds a non-string " + item);
                }
            }
        } else {
            problems.add(where + " is not a string or a non-empty array of strings");
        }
        return values;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(where + " has the unknown key " + name);
            }
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }
}
