package io.trays3.tools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.trays3.operation.IamPermission;
import io.trays3.operation.IamPermission.Scope;
import io.trays3.operation.Trays3Operation;

/**
 * Builds the least-privilege IAM policy for a set of trays3 endpoint uses, after the README's table "Permissions (IAM)" (which
 * each operation carries as its {@link IamPermission}): {@code s3:ListAllMyBuckets} on {@code *} only where buckets are
 * listed; bucket-level actions on {@code arn:aws:s3:::BUCKET}; object-level actions on {@code arn:aws:s3:::BUCKET/KEY}
 * when the route fixes the key, else {@code arn:aws:s3:::BUCKET/*}; ACL and version actions only where an acl or a
 * versionId may be given; putObjectFile also needs {@code s3:AbortMultipartUpload}, to abort a multipart upload that
 * fails; a signed PUT URL needs {@code s3:PutObject}. A bucket only known at run time gets
 * {@code arn:aws:s3:::*} and {@code arn:aws:s3:::*}{@code /*}. Statements are merged and ordered so the same routes
 * always give the same document.
 */
public final class PolicyGenerator {

    private static final String ARN = "arn:aws:s3:::";
    /** Stands for a bucket only known at run time. */
    private static final String ANY = "*";
    private static final String LIST_BUCKET = "s3:ListBucket";
    private static final String PUT_OBJECT = "s3:PutObject";

    /** The policy for the uses. */
    public Policy generate(List<EndpointUse> uses) {
        boolean listsBuckets = false;
        SortedMap<String, SortedSet<String>> bucketActions = new TreeMap<>(PolicyGenerator::anyLast);
        SortedMap<String, Listing> listings = new TreeMap<>();
        SortedMap<String, SortedMap<String, SortedSet<String>>> objectActions = new TreeMap<>(PolicyGenerator::anyLast);

        for (EndpointUse use : uses) {
            IamPermission permission = use.operation().permission();
            String bucket = use.dynamic() || use.bucket() == null ? ANY : use.bucket();
            switch (permission.scope()) {
                case ACCOUNT -> listsBuckets = true;
                case BUCKET -> {
                    bucketActions.computeIfAbsent(bucket, b -> new TreeSet<>()).addAll(permission.actions(false, false));
                    if (use.operation() == Trays3Operation.listBucketObjects && !ANY.equals(bucket)) {
                        listings.computeIfAbsent(bucket, b -> new Listing()).add(use.prefix());
                    }
                }
                case OBJECT, OBJECTS -> {
                    boolean fixedKey = permission.scope() == Scope.OBJECT && !ANY.equals(bucket) && isFixed(use.key());
                    String object = fixedKey ? escape(use.key()) : ANY;
                    objectActions.computeIfAbsent(bucket, b -> new TreeMap<>())
                            .computeIfAbsent(object, o -> new TreeSet<>()).addAll(objectActionsOf(use));
                }
                default -> throw new IllegalStateException("unknown scope " + permission.scope());
            }
        }
        subsume(bucketActions, objectActions);

        List<Policy.Statement> statements = new ArrayList<>();
        Set<String> sids = new LinkedHashSet<>();
        if (listsBuckets) {
            statements.add(new Policy.Statement(unique(sids, "ListAllMyBuckets"), List.of("s3:ListAllMyBuckets"),
                                                List.of("*"), null));
        }
        Set<String> buckets = new TreeSet<>(PolicyGenerator::anyLast);
        buckets.addAll(bucketActions.keySet());
        buckets.addAll(objectActions.keySet());
        for (String bucket : buckets) {
            bucketStatements(bucket, bucketActions.get(bucket), listings.get(bucket), sids, statements);
            objectStatements(bucket, objectActions.get(bucket), sids, statements);
        }
        return new Policy(statements);
    }

    /** One warning line per trays3 step whose bucket is only known at run time, naming the route and its file. */
    public List<String> warnings(List<EndpointUse> uses) {
        Set<String> warnings = new LinkedHashSet<>();
        for (EndpointUse use : uses) {
            if (use.dynamic()) {
                boolean bucketLevel = use.operation().permission().scope() == Scope.BUCKET;
                warnings.add("route '" + use.routeId() + "' (" + use.source() + "): trays3:" + use.operation()
                             + ": the bucket is only known at run time (" + use.dynamicReason() + "); granted on "
                             + (bucketLevel ? ARN + ANY : ARN + ANY + "/" + ANY)
                             + " - narrow it by hand if you know the buckets");
            }
        }
        return new ArrayList<>(warnings);
    }

    /** The object-level actions one use needs. */
    static List<String> objectActionsOf(EndpointUse use) {
        Trays3Operation operation = use.operation();
        if (operation == Trays3Operation.getObjectSignedUrl && "PUT".equals(use.httpMethod())) {
            // whoever holds the URL uploads with the signer's rights
            return List.of(PUT_OBJECT);
        }
        boolean uploadsWithAcl = use.acl()
                                 && (operation == Trays3Operation.putObjectText || operation == Trays3Operation.putObjectFile);
        return operation.permission().actions(use.versioned(), uploadsWithAcl);
    }

    /** Drops what a wider resource of the same statement family already grants. */
    private static void subsume(SortedMap<String, SortedSet<String>> bucketActions,
                                SortedMap<String, SortedMap<String, SortedSet<String>>> objectActions) {
        SortedSet<String> anyBucket = bucketActions.get(ANY);
        if (anyBucket != null) {
            bucketActions.forEach((bucket, actions) -> {
                if (!ANY.equals(bucket)) {
                    actions.removeAll(anyBucket);
                }
            });
        }
        bucketActions.values().removeIf(Set::isEmpty);

        for (SortedMap<String, SortedSet<String>> objects : objectActions.values()) {
            SortedSet<String> anyKey = objects.get(ANY);
            if (anyKey != null) {
                objects.forEach((object, actions) -> {
                    if (!ANY.equals(object)) {
                        actions.removeAll(anyKey);
                    }
                });
            }
        }
        SortedMap<String, SortedSet<String>> anyBucketObjects = objectActions.get(ANY);
        SortedSet<String> anywhere = anyBucketObjects == null ? null : anyBucketObjects.get(ANY);
        if (anywhere != null) {
            objectActions.forEach((bucket, objects) -> {
                if (!ANY.equals(bucket)) {
                    objects.values().forEach(actions -> actions.removeAll(anywhere));
                }
            });
        }
        objectActions.values().forEach(objects -> objects.values().removeIf(Set::isEmpty));
        objectActions.values().removeIf(Map::isEmpty);
    }

    private static void bucketStatements(String bucket, SortedSet<String> actions, Listing listing, Set<String> sids,
                                         List<Policy.Statement> statements) {
        if (actions == null || actions.isEmpty()) {
            return;
        }
        String sid = ANY.equals(bucket) ? "AnyBucket" : "Bucket" + camelCase(bucket);
        List<String> resources = List.of(ARN + bucket);
        Policy.Condition condition = listing == null ? null : listing.condition();
        if (condition == null || !actions.contains(LIST_BUCKET)) {
            statements.add(new Policy.Statement(unique(sids, sid), new ArrayList<>(actions), resources, null));
            return;
        }
        SortedSet<String> others = new TreeSet<>(actions);
        others.remove(LIST_BUCKET);
        if (!others.isEmpty()) {
            statements.add(new Policy.Statement(unique(sids, sid), new ArrayList<>(others), resources, null));
            sid = sid + "ListBucket";
        }
        statements.add(new Policy.Statement(unique(sids, sid), List.of(LIST_BUCKET), resources, condition));
    }

    private static void objectStatements(String bucket, SortedMap<String, SortedSet<String>> objects, Set<String> sids,
                                         List<Policy.Statement> statements) {
        if (objects == null || objects.isEmpty()) {
            return;
        }
        // resources that need the same actions share a statement
        SortedMap<String, SortedSet<String>> byActions = new TreeMap<>();
        Map<String, List<String>> actionsOf = new TreeMap<>();
        objects.forEach((object, actions) -> {
            String group = String.join(",", actions);
            byActions.computeIfAbsent(group, g -> new TreeSet<>()).add(ARN + bucket + "/" + object);
            actionsOf.put(group, new ArrayList<>(actions));
        });
        String base = ANY.equals(bucket) ? "AnyBucketObjects" : "Objects" + camelCase(bucket);
        byActions.forEach((group, resources) -> {
            String sid = byActions.size() == 1 ? base : base + camelCase(group.replace("s3:", ""));
            statements.add(new Policy.Statement(unique(sids, sid), actionsOf.get(group), new ArrayList<>(resources), null));
        });
    }

    /** The prefixes listBucketObjects uses on one bucket: a condition only when every use names one. */
    private static final class Listing {
        private final SortedSet<String> prefixes = new TreeSet<>();
        private boolean unrestricted;

        void add(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                unrestricted = true;
            } else {
                prefixes.add(prefix);
            }
        }

        Policy.Condition condition() {
            if (unrestricted || prefixes.isEmpty()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (String prefix : prefixes) {
                values.add(escape(prefix) + "*");
            }
            return new Policy.Condition("StringLike", "s3:prefix", values);
        }
    }

    /** A key the route fixes: not empty, no simple expression in it. */
    static boolean isFixed(String key) {
        return key != null && !key.isEmpty() && !key.contains("${") && !key.contains("$simple{");
    }

    /** A key or prefix as IAM reads it literally: its wildcard characters written as policy variables. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '*', '?', '$' -> escaped.append("${").append(c).append('}');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** {@code trays3-demo-reports} as {@code Trays3DemoReports}. */
    static String camelCase(String text) {
        StringBuilder camel = new StringBuilder();
        for (String part : text.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                camel.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return camel.toString();
    }

    private static String unique(Set<String> sids, String sid) {
        String candidate = sid;
        for (int n = 2; !sids.add(candidate); n++) {
            candidate = sid + n;
        }
        return candidate;
    }

    /** Names in order, the run-time bucket last. */
    private static int anyLast(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (ANY.equals(a)) {
            return 1;
        }
        return ANY.equals(b) ? -1 : a.compareTo(b);
    }
}
