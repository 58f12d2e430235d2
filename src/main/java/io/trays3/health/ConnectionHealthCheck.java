package io.trays3.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.trays3.Trays3Endpoint;
import io.trays3.client.Trays3Clients;
import io.trays3.metrics.Trays3Metrics;
import io.trays3.operation.IamGrant;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.util.URISupport;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The readiness of one connection (server, region, credentials) that started trays3 endpoints share: the credentials
 * are accepted and every bucket those endpoints name is reachable, probed with {@link BucketProbe} (HeadBucket, a
 * one-key listing when S3 refuses it, ListBuckets for listBuckets and listBucketsDdl; nothing is written). The answer
 * is kept for the component's {@code healthCheckInterval}, so frequent scrapes cost no more requests. A DOWN answer
 * names the bucket, the credential source (never a secret) and what to do.
 */
public final class ConnectionHealthCheck implements HealthCheck {

    /** Detail keys of the answer. */
    public static final String ENDPOINT = "trays3.endpoint";
    public static final String REGION = "trays3.region";
    public static final String CREDENTIALS = "trays3.credentials";
    public static final String BUCKETS = "trays3.buckets";
    public static final String NOTES = "trays3.notes";
    public static final String CHECKED_AT = "trays3.checked.at";
    public static final String ANSWER_KEPT = "trays3.answer.kept";

    private final String id;
    private final LongSupplier intervalMillis;
    private final List<Trays3Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private final Lock lock = new ReentrantLock();
    private volatile boolean enabled = true;
    private volatile Answer last;

    /** The last answer and when it was made. */
    private record Answer(Result result, long madeNanos, Instant madeAt) {
    }

    ConnectionHealthCheck(String id, LongSupplier intervalMillis) {
        this.id = id;
        this.intervalMillis = intervalMillis;
    }

    void add(Trays3Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    /** Returns whether no endpoint is left. */
    boolean remove(Trays3Endpoint endpoint) {
        endpoints.remove(endpoint);
        return endpoints.isEmpty();
    }

    /** The started endpoints that share this connection. */
    public List<Trays3Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The last answer, or null before the first call. */
    public Result lastResult() {
        Answer answer = last;
        return answer == null ? null : answer.result();
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        // whether S3 answers says nothing about whether this JVM should be restarted
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        if (!enabled) {
            // as Camel's own checks answer when disabled: nothing is asked
            return HealthCheckResultBuilder.on(this).unknown().message("Disabled").detail(CHECK_ENABLED, false).build();
        }
        lock.lock();
        try {
            Answer answer = last;
            long now = System.nanoTime();
            if (answer != null && now - answer.madeNanos() < Duration.ofMillis(intervalMillis.getAsLong()).toNanos()) {
                return answer.result();
            }
            Result result = probe();
            last = new Answer(result, now, Instant.now());
            return result;
        } finally {
            lock.unlock();
        }
    }

    private Result probe() {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        List<Trays3Endpoint> current = endpoints();
        if (current.isEmpty()) {
            return builder.up().message("no started trays3 endpoint uses this connection").build();
        }
        Trays3Endpoint first = current.get(0);
        Trays3Clients clients;
        try {
            clients = first.getClients();
        } catch (IllegalStateException e) {
            return builder.unknown().message("trays3 endpoint " + first.getEndpointBaseUri() + " is stopping").build();
        }
        Uses uses = Uses.of(current);
        String where = Trays3Clients.serviceUrl(first.getConfiguration());
        String credentials = clients.credentialSource();
        // the messages name the server without its scheme: Camel's JSON answer escapes slashes twice
        Context context = new Context(where.replaceFirst("^[a-zA-Z]+://", ""), credentials,
                                      Trays3Clients.regionName(first.getConfiguration()));
        builder.detail(ENDPOINT, where).detail(REGION, context.region()).detail(CREDENTIALS, credentials)
                .detail(BUCKETS, String.join(",", uses.buckets().keySet()))
                .detail(ANSWER_KEPT, Duration.ofMillis(intervalMillis.getAsLong()).toString())
                .detail(CHECKED_AT, Instant.now().toString());

        S3Client s3 = clients.s3(Trays3Metrics.HEALTH_CHECK);
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!uses.account().isEmpty()) {
            BucketProbe.Finding finding = BucketProbe.account(s3);
            if (!finding.kind().up()) {
                problems.add(context.accountProblem(finding, uses.account()));
            }
        }
        for (Map.Entry<String, Set<String>> entry : uses.buckets().entrySet()) {
            if (problems.stream().anyMatch(Context::aboutCredentials)) {
                // every other bucket would fail the same way
                break;
            }
            String bucket = entry.getKey();
            BucketProbe.Finding finding = BucketProbe.bucket(s3, bucket);
            if (finding.kind() == BucketProbe.Kind.REACHABLE) {
                clients.learntRegion(bucket, finding.detail());
            } else if (finding.kind() == BucketProbe.Kind.REACHABLE_NOT_LISTABLE) {
                notes.add("bucket '" + bucket + "' exists, but the credentials may not list it (HeadBucket needs"
                          + " s3:ListBucket on " + IamGrant.ARN + bucket + "; routes that do not list it work without)");
            } else {
                problems.add(context.bucketProblem(bucket, finding, entry.getValue()));
            }
        }
        uses.atRunTime().forEach(uri -> notes.add(uri + " names its bucket only at run time: not checked"));
        if (uses.buckets().isEmpty() && uses.account().isEmpty()) {
            notes.add("no started endpoint names a bucket: the credentials were not checked");
        }
        if (!notes.isEmpty()) {
            builder.detail(NOTES, String.join("; ", notes));
        }
        if (problems.isEmpty()) {
            return builder.up().message("trays3 reaches " + uses.buckets().size() + " bucket(s) on " + context.where()
                                        + " with " + credentials).build();
        }
        return builder.down().message(String.join("; ", problems)).build();
    }

    /** What the endpoints name: buckets (with the endpoints naming each), account-level uses, buckets known late. */
    private record Uses(Map<String, Set<String>> buckets, Set<String> account, Set<String> atRunTime) {

        static Uses of(List<Trays3Endpoint> endpoints) {
            Map<String, Set<String>> buckets = new TreeMap<>();
            Set<String> account = new LinkedHashSet<>();
            Set<String> atRunTime = new LinkedHashSet<>();
            for (Trays3Endpoint endpoint : endpoints) {
                // as a route writes it: Camel keeps it as trays3://operation?...
                String uri = URISupport.sanitizeUri(endpoint.getEndpointUri()).replaceFirst("^trays3://", "trays3:");
                // the operation says what it needs; its configuration alone says which buckets
                for (IamGrant grant : endpoint.getOperation().grants(new ConfiguredCall(endpoint.getOperation(),
                                                                                        endpoint.getConfiguration()))) {
                    if (grant.scope() == IamGrant.Scope.ACCOUNT) {
                        account.add(uri);
                    } else if (grant.bucket() == null) {
                        atRunTime.add(uri);
                    } else {
                        buckets.computeIfAbsent(grant.bucket(), b -> new LinkedHashSet<>()).add(uri);
                    }
                }
            }
            return new Uses(buckets, account, atRunTime);
        }
    }

    /** Writes the problems: which bucket, with which credential source, and what to do. */
    private record Context(String where, String credentials, String region) {

        private static final String CREDENTIALS_MARK = "refused the credentials";

        static boolean aboutCredentials(String problem) {
            return problem.contains(CREDENTIALS_MARK) || problem.contains("no credentials were found");
        }

        String bucketProblem(String bucket, BucketProbe.Finding finding, Set<String> usedBy) {
            String start = "trays3 cannot use bucket '" + bucket + "' on " + where + " with " + credentials + ": ";
            String users = " (used by " + String.join(", ", usedBy) + ")";
            return start + switch (finding.kind()) {
                case MISSING -> "it does not exist" + users + ". Create it, or correct the bucket name in the route";
                case WRONG_REGION -> "it is in region " + finding.detail() + ", not " + region + users + ". Set region="
                                     + finding.detail() + " or region=auto";
                default -> common(finding) + users;
            };
        }

        String accountProblem(BucketProbe.Finding finding, Set<String> usedBy) {
            String start = "trays3 cannot list the account's buckets on " + where + " with " + credentials + ": ";
            String users = " (used by " + String.join(", ", usedBy) + ")";
            if (finding.kind() == BucketProbe.Kind.DENIED) {
                return start + "access denied" + users + ". Grant s3:ListAllMyBuckets on resource *";
            }
            return start + common(finding) + users;
        }

        private static String common(BucketProbe.Finding finding) {
            return switch (finding.kind()) {
                case CREDENTIALS_REFUSED -> "the service " + CREDENTIALS_MARK + " (" + finding.code() + "). Check the"
                                            + " access key and secret key, the profile or the role of that source";
                case NO_CREDENTIALS -> "no credentials were found (" + finding.detail() + "). Set accessKey and"
                                       + " secretKey, a profileName, or give the default AWS chain credentials";
                case UNREACHABLE -> "S3 could not be reached (" + finding.detail() + "). Check endpointOverride, the"
                                    + " network and any proxy";
                default -> "S3 answered " + finding.code() + " (HTTP " + finding.status() + ")"
                           + (finding.detail() == null ? "" : ": " + finding.detail());
            };
        }
    }

    /** The details of the last answer, for the dev console. */
    public Map<String, Object> lastDetails() {
        Result result = lastResult();
        return result == null ? Map.of() : new LinkedHashMap<>(result.getDetails());
    }
}
