package io.trays3.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.operation.IamGrant;
import io.trays3.operation.IamGrant.Scope;

/**
 * Builds the least-privilege IAM policy for a set of trays3 endpoint uses from what each operation says a call needs
 * ({@link io.trays3.operation.Trays3Operation#grants}, the README's "Permissions (IAM)" table): account-level actions on
 * {@code *} only where they are used; bucket-level actions on {@code arn:aws:s3:::BUCKET}; object-level actions on
 * {@code arn:aws:s3:::BUCKET/KEY} when the route fixes the key, else {@code arn:aws:s3:::BUCKET/*}; ACL and version
 * actions only where an acl or a versionId may be given; putObjectFile also needs {@code s3:AbortMultipartUpload}, to
 * abort a multipart upload that fails; a signed PUT URL needs {@code s3:PutObject}. A bucket only known at run time gets
 * {@code arn:aws:s3:::*} and {@code arn:aws:s3:::*}{@code /*}. Statements are merged and ordered so the same routes
 * always give the same document.
 */
public final class PolicyGenerator {

    private static final String ARN = IamGrant.ARN;
    /** Stands for a bucket only known at run time. */
    private static final String ANY = "*";
    private static final String LIST_BUCKET = "s3:ListBucket";

    /** The policy for the uses. */
    public Policy generate(List<EndpointUse> uses) {
        SortedSet<String> accountActions = new TreeSet<>();
        SortedMap<String, SortedSet<String>> bucketActions = new TreeMap<>(PolicyGenerator::anyLast);
        SortedMap<String, Listing> listings = new TreeMap<>();
        SortedMap<String, SortedMap<String, SortedSet<String>>> objectActions = new TreeMap<>(PolicyGenerator::anyLast);

        for (EndpointUse use : uses) {
            for (IamGrant grant : use.grants()) {
                String bucket = grant.bucket() == null ? ANY : grant.bucket();
                switch (grant.scope()) {
                    case ACCOUNT -> accountActions.addAll(grant.actions());
                    case BUCKET -> {
                        bucketActions.computeIfAbsent(bucket, b -> new TreeSet<>()).addAll(grant.actions());
                        if (grant.actions().contains(LIST_BUCKET) && !ANY.equals(bucket)) {
                            listings.computeIfAbsent(bucket, b -> new Listing()).add(grant.prefix());
                        }
                    }
                    case OBJECT, OBJECTS -> {
                        boolean fixedKey = grant.scope() == Scope.OBJECT && !ANY.equals(bucket) && isFixed(grant.key());
                        String object = fixedKey ? escape(grant.key()) : ANY;
                        objectActions.computeIfAbsent(bucket, b -> new TreeMap<>())
                                .computeIfAbsent(object, o -> new TreeSet<>()).addAll(grant.actions());
                    }
                    default -> throw new IllegalStateException("unknown scope " + grant.scope());
                }
            }
        }
        subsume(bucketActions, objectActions);

        List<Policy.Statement> statements = new ArrayList<>();
        Set<String> sids = new LinkedHashSet<>();
        if (!accountActions.isEmpty()) {
            String sid = accountActions.size() == 1 ? camelCase(accountActions.first().replace("s3:", "")) : "Account";
            statements.add(new Policy.Statement(unique(sids, sid), new ArrayList<>(accountActions), List.of("*"), null));
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

    /**
     * How many grants are wider than the routes name: on a bucket only known at run time, or widened by a step the
     * analysis cannot see into (what {@code --strict} refuses), counted per route, operation and resource.
     */
    public int broadGrants(List<EndpointUse> uses, List<Widening> widenings) {
        Set<List<String>> broad = new LinkedHashSet<>();
        for (EndpointUse use : uses) {
            for (IamGrant grant : use.grants()) {
                if (grant.anyBucket()) {
                    broad.add(List.of(use.routeId(), use.source(), use.operation().name(), resourceOf(grant)));
                }
            }
        }
        for (Widening widening : widenings) {
            broad.add(List.of(widening.routeId(), widening.source(), widening.operation().name(), widening.resource()));
        }
        return broad.size();
    }

    /** The warnings for uses alone: buckets only known at run time ({@link #warnings(List, List)}). */
    public List<String> warnings(List<EndpointUse> uses) {
        return warnings(uses, List.of());
    }

    /**
     * The warnings for stderr, one per route, operation and resource that the policy grants more widely than the route
     * names: a bucket only known at run time (why, from the route), and the grants that only steps the analysis cannot
     * see into make necessary (which actions, which headers, which steps, and what to do about it). Each names the route
     * and its file.
     */
    public List<String> warnings(List<EndpointUse> uses, List<Widening> widenings) {
        Map<List<String>, Broad> broad = new LinkedHashMap<>();
        for (EndpointUse use : uses) {
            for (IamGrant grant : use.grants()) {
                if (grant.anyBucket()) {
                    Broad b = broad.computeIfAbsent(List.of(use.routeId(), use.source(), use.operation().name(),
                                                            resourceOf(grant)), k -> new Broad());
                    b.actions.addAll(grant.actions());
                    b.bucketOption = grant.bucketInput().option();
                    String reason = use.reason(grant.bucketInput());
                    if (reason != null) {
                        b.runTime.addAll(List.of(reason.split("; ")));
                    }
                }
            }
        }
        for (Widening widening : widenings) {
            Broad b = broad.computeIfAbsent(List.of(widening.routeId(), widening.source(), widening.operation().name(),
                                                    widening.resource()), k -> new Broad());
            b.actions.addAll(widening.actions());
            b.opaque.addAll(widening.reasons());
        }
        List<String> warnings = new ArrayList<>();
        broad.forEach((key, b) -> warnings.add("route '" + key.get(0) + "' (" + key.get(1) + "): trays3:" + key.get(2) + ": "
                                               + b.describe(key.get(3))));
        return warnings;
    }

    /** What one route's use of one operation is granted on one resource beyond what the route names, and why. */
    private static final class Broad {
        private static final Pattern SET_BY = Pattern.compile("(.+) may be set by (.+) before it");

        final SortedSet<String> actions = new TreeSet<>();
        /** Why the bucket is only known at run time (the route's own reasons, and those of opaque steps). */
        final Set<String> runTime = new LinkedHashSet<>();
        /** Headers (or the body) that steps the analysis cannot see into may set: {@code X may be set by STEP before it}. */
        final SortedSet<String> opaque = new TreeSet<>();
        String bucketOption = "bucket";

        String describe(String resource) {
            Set<String> ownReasons = new LinkedHashSet<>(runTime);
            ownReasons.removeAll(opaque);
            if (opaque.isEmpty()) {
                return "the " + bucketOption + " is only known at run time (" + String.join("; ", grouped(ownReasons))
                       + "); granted on " + resource + " - narrow it by hand if you know the buckets";
            }
            List<String> because = new ArrayList<>();
            if (!ownReasons.isEmpty()) {
                because.add("the " + bucketOption + " is only known at run time (" + String.join("; ", grouped(ownReasons))
                            + ")");
            }
            because.addAll(grouped(opaque));
            long headers = opaque.stream().filter(r -> r.startsWith("header ")).count();
            long steps = opaque.stream().map(SET_BY::matcher).filter(Matcher::matches).map(m -> m.group(2)).distinct().count();
            String after = steps > 1 ? "those steps" : "that step";
            return String.join(", ", actions) + " granted on " + resource + " because " + String.join("; ", because)
                   + (steps == 0 ? "; narrow the policy by hand"
                      : headers > 1 ? "; set these headers with constants, or remove them, after " + after
                                      + ", or narrow the policy by hand"
                      : "; set the header with a constant, or remove it, after " + after + ", or narrow the policy by hand");
        }

        /** The reasons, those that name what one step may set told together ({@link FlowState#setBy}). */
        private static List<String> grouped(Collection<String> reasons) {
            List<String> grouped = new ArrayList<>();
            Map<String, List<String>> byStep = new LinkedHashMap<>();
            for (String reason : reasons) {
                Matcher setBy = SET_BY.matcher(reason);
                if (setBy.matches()) {
                    byStep.computeIfAbsent(setBy.group(2), step -> new ArrayList<>()).add(setBy.group(1));
                } else {
                    grouped.add(reason);
                }
            }
            List<String> steps = new ArrayList<>();
            byStep.forEach((step, subjects) -> steps.add(subjects(subjects) + " may be set by " + step + " before it"));
            steps.addAll(grouped);
            return steps;
        }

        /** {@code header A}, {@code headers A, B and C}, {@code headers A, B and the body (...)}. */
        private static String subjects(List<String> subjects) {
            List<String> headers = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String subject : subjects) {
                if (subject.startsWith("header ")) {
                    headers.add(subject.substring("header ".length()));
                } else {
                    others.add(subject);
                }
            }
            if (headers.isEmpty()) {
                return and(others);
            }
            List<String> parts = new ArrayList<>(headers);
            parts.addAll(others);
            return (headers.size() == 1 ? "header " : "headers ") + and(parts);
        }

        private static String and(List<String> items) {
            return items.size() <= 1 ? String.join("", items)
                    : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
        }
    }

    /** The resource a grant gets in the policy: any bucket or any key where they are only known at run time. */
    static String resourceOf(IamGrant grant) {
        return switch (grant.scope()) {
            case ACCOUNT -> ANY;
            case BUCKET -> ARN + (grant.bucket() == null ? ANY : grant.bucket());
            case OBJECT, OBJECTS -> ARN + (grant.bucket() == null ? ANY : grant.bucket()) + "/"
                                    + (grant.scope() == Scope.OBJECT && grant.bucket() != null && isFixed(grant.key())
                                       ? escape(grant.key()) : ANY);
        };
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
