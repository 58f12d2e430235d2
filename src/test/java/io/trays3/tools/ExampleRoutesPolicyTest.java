package io.trays3.tools;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The policy for the project's own example routes (routes/ and application.properties, relative to the project folder):
 * a valid IAM policy in which every action on every resource is justified by the permission table and by what the route
 * files themselves say, read here independently of the tool.
 */
class ExampleRoutesPolicyTest {

    private static final Path ROUTES = Path.of("routes");
    private static final Path PROPERTIES = Path.of("application.properties");
    private static final String ARN = "arn:aws:s3:::";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final String VERSION_ID = "\\bversionId\\b|CamelTrays3VersionId";
    private static final String ACL = "\\bacl\\b|CamelTrays3Acl";
    private static final String SIGNED_PUT = "(?i)(httpMethod|CamelTrays3HttpMethod)[\\s\\S]{1,80}?\\bPUT\\b";
    private static final String MOVE_AFTER_READ = "\\bmoveAfterRead: *true";

    /**
     * The README's table "Permissions (IAM)", read backwards: which operations need an action, and what else a file must
     * show.
     */
    private static final Map<String, List<Justification>> JUSTIFICATIONS = Map.ofEntries(
            Map.entry("s3:GetObject", List.of(op("getObject"), op("getObjectSignedUrl"), op("headObject"),
                                              // a move is a copyObject, which reads the source
                                              op("newObjects", MOVE_AFTER_READ))),
            Map.entry("s3:GetObjectVersion", List.of(op("getObject", VERSION_ID), op("getObjectSignedUrl", VERSION_ID),
                                                     op("headObject", VERSION_ID))),
            Map.entry("s3:PutObject", List.of(op("putObjectText"), op("putObjectFile"), op("getObjectSignedUrl", SIGNED_PUT),
                                              op("newObjects", MOVE_AFTER_READ))),
            // putObjectFile aborts a multipart upload that fails, and so does the multipart copy of a move
            Map.entry("s3:AbortMultipartUpload", List.of(op("putObjectFile"), op("newObjects", MOVE_AFTER_READ))),
            Map.entry("s3:PutObjectAcl", List.of(op("putObjectAcl"), op("putObjectText", ACL), op("putObjectFile", ACL))),
            Map.entry("s3:PutObjectVersionAcl", List.of(op("putObjectAcl", VERSION_ID))),
            Map.entry("s3:DeleteObject", List.of(op("deleteObject"), op("deleteMultipleObjects"),
                                                 op("newObjects", "\\b(deleteAfterRead|moveAfterRead): *true"))),
            // getObject sets CamelTrays3VersionId: a deleteObject after it deletes that version
            Map.entry("s3:DeleteObjectVersion", List.of(op("deleteObject", VERSION_ID),
                                                        op("deleteObject", "trays3:getObject\\b"))),
            Map.entry("s3:ListBucket", List.of(op("listBucketObjects"), op("newObjects"))),
            Map.entry("s3:GetBucketLocation", List.of(op("getBucketLocation"))),
            Map.entry("s3:ListAllMyBuckets", List.of(op("listBuckets"), op("listBucketsDdl"))));

    private static PolicyRun run;
    private static Map<String, String> files;
    private static Map<String, String> properties;

    /** An operation in a route file, and a regular expression for one more thing the file must show (or null). */
    record Justification(String operation, String alsoMentioned) {
        boolean holdsIn(String text) {
            return Pattern.compile("trays3:(//)?" + operation + "\\b").matcher(text).find()
                   && (alsoMentioned == null || Pattern.compile(alsoMentioned).matcher(text).find());
        }
    }

    private static Justification op(String operation) {
        return new Justification(operation, null);
    }

    private static Justification op(String operation, String alsoMentioned) {
        return new Justification(operation, alsoMentioned);
    }

    @BeforeAll
    static void runPolicyOnTheExampleRoutes() throws IOException {
        run = PolicyRun.run("--properties=" + PROPERTIES, ROUTES.toString());
        files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(ROUTES)) {
            for (Path file : listing.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".xml")).toList()) {
                files.put(file.toString(), Files.readString(file));
            }
        }
        properties = resolvedProperties();
    }

    @Test
    void thePolicyIsAValidIamPolicy() {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
    }

    @Test
    void everyGrantIsJustifiedByARouteAndThePermissionTable() {
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> unjustified = new ArrayList<>();
        for (JsonNode statement : run.json().get("Statement")) {
            for (JsonNode action : statement.get("Action")) {
                for (JsonNode resource : statement.get("Resource")) {
                    String why = justify(action.asText(), resource.asText());
                    if (why != null) {
                        unjustified.add(statement.get("Sid").asText() + ": " + action.asText() + " on " + resource.asText()
                                        + ": " + why);
                    }
                }
            }
            if (statement.has("Condition")) {
                // a condition may only narrow a listing
                assertThat(statement.get("Action").toString()).isEqualTo("[\"s3:ListBucket\"]");
            }
        }
        assertThat(unjustified).isEmpty();
    }

    @Test
    void everyOperationOfTheRoutesIsGranted() {
        Set<String> granted = PolicyRun.grants(run.json()).values().stream().flatMap(Set::stream)
                .collect(java.util.stream.Collectors.toSet());
        for (Map.Entry<String, List<Justification>> entry : JUSTIFICATIONS.entrySet()) {
            for (Justification justification : entry.getValue()) {
                if (justification.alsoMentioned() == null && files.values().stream().anyMatch(justification::holdsIn)) {
                    assertThat(granted).as(justification.operation() + " is used").contains(entry.getKey());
                }
            }
        }
    }

    @Test
    void theOutputIsTheExpectedPolicy() throws IOException {
        // the buckets come from environment variables when they are set: the expected file has the defaults
        assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("TRAYS3_") || k.startsWith("DEMO_")),
                   "TRAYS3_* or DEMO_* environment variables change the buckets");
        JsonNode expected = PolicyRun.MAPPER.readTree(Path.of("src/test/resources/tools/example-routes-policy.json").toFile());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json()).isEqualTo(expected);
    }

    /** Null when justified, else why not. */
    private static String justify(String action, String resource) {
        List<Justification> candidates = JUSTIFICATIONS.get(action);
        if (candidates == null) {
            return "no trays3 operation needs it";
        }
        if ("s3:ListAllMyBuckets".equals(action)) {
            return "*".equals(resource) && files.values().stream().anyMatch(t -> candidates.stream().anyMatch(j -> j.holdsIn(t)))
                    ? null : "no route lists buckets";
        }
        if (!resource.startsWith(ARN)) {
            return "not an S3 ARN";
        }
        String path = resource.substring(ARN.length());
        String bucket = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        String key = path.contains("/") ? path.substring(path.indexOf('/') + 1) : null;
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getValue();
            for (Justification justification : candidates) {
                if (!justification.holdsIn(text)) {
                    continue;
                }
                boolean bucketOk = "*".equals(bucket) ? warnsAboutRunTimeBucket(file.getKey(), justification.operation())
                        : mentions(text, bucket);
                boolean keyOk = key == null || "*".equals(key) || mentions(text, key);
                if (bucketOk && keyOk) {
                    return null;
                }
            }
        }
        return "no route file uses an operation that needs it on that bucket" + (key == null ? "" : " and key");
    }

    /** Whether the file names the value literally or through a property placeholder that resolves to it. */
    private static boolean mentions(String text, String value) {
        if (text.contains(value)) {
            return true;
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        while (placeholder.find()) {
            if (value.equals(properties.get(placeholder.group(1).trim()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean warnsAboutRunTimeBucket(String file, String operation) {
        Predicate<String> warning = line -> line.startsWith("warning: route '") && line.contains("(" + file + ")")
                                            && line.contains("trays3:" + operation + ": the bucket is only known at run time");
        return run.err().lines().anyMatch(warning);
    }

    /** application.properties with {{env:NAME:default}} and {{other.key}} resolved, as Camel would. */
    private static Map<String, String> resolvedProperties() throws IOException {
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(PROPERTIES)) {
            raw.load(reader);
        }
        Map<String, String> resolved = new TreeMap<>();
        for (String name : raw.stringPropertyNames()) {
            resolved.put(name, resolve(raw.getProperty(name), raw, 0));
        }
        return resolved;
    }

    private static String resolve(String value, Properties raw, int depth) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String inner = placeholder.group(1).trim();
            String replacement;
            if (inner.startsWith("env:")) {
                String[] parts = inner.substring(4).split(":", 2);
                String env = System.getenv(parts[0]);
                replacement = env != null ? env : parts.length > 1 ? parts[1] : "";
            } else {
                String other = raw.getProperty(inner, "");
                replacement = depth > 10 ? other : resolve(other, raw, depth + 1);
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }
}
