package io.trays3.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.trays3.operation.IamCall;
import io.trays3.operation.IamGrant;
import io.trays3.operation.Input;
import io.trays3.operation.OperationSpec.Trait;
import io.trays3.operation.Trays3Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools know the operations only through their descriptions ({@code Trays3Operation.spec()}): every operation, the
 * producers and the newObjects consumer of today and any added later, gets its policy from its own grants, and the
 * tools' code names none of them.
 */
class EveryOperationTest {

    private static final Path TOOLS_SOURCES = Path.of("src/app/java/io/trays3/tools");
    /** Trays3Operation.someConstant, but not values() or fromUri(...). */
    private static final Pattern NAMED_OPERATION = Pattern.compile("Trays3Operation\\.(?!values\\b|fromUri\\b)([a-z]\\w*)");

    @TempDir
    Path folder;

    @Test
    void theToolsNameNoOperation() throws IOException {
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TOOLS_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = NAMED_OPERATION.matcher(Files.readString(file));
                while (matcher.find()) {
                    named.add(file.getFileName() + ": " + matcher.group());
                }
            }
        }
        assertThat(named).as("operations the policy and doctor tools name instead of asking the operation").isEmpty();
        assertThat(Files.exists(TOOLS_SOURCES.resolve("RouteFlow.java"))).as("the scan looked where the tools are").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Trays3Operation.class)
    void thePolicyGrantsWhatTheOperationDeclares(Trays3Operation operation) throws IOException {
        assertThat(policy(operation, false)).isEqualTo(expected(operation, false));
    }

    @ParameterizedTest
    @EnumSource(Trays3Operation.class)
    void aVersionOrAnAclAddsWhatTheOperationDeclaresForThem(Trays3Operation operation) throws IOException {
        assertThat(policy(operation, true)).isEqualTo(expected(operation, true));
    }

    /** The policy for one route that calls the operation with every option it reads, from the policy command. */
    private Map<String, Set<String>> policy(Trays3Operation operation, boolean withPresenceInputs) throws IOException {
        StringBuilder uri = new StringBuilder("trays3:" + operation);
        char separator = '?';
        for (Input<?> input : operation.spec().inputs()) {
            if (input.hasOption() && (input.iam() == Input.IamUse.VALUE
                                      || withPresenceInputs && input.iam() == Input.IamUse.PRESENCE)) {
                uri.append(separator).append(input.option()).append('=').append(sample(input));
                separator = '&';
            }
        }
        Path routes = folder.resolve("every-operation.yaml");
        Files.writeString(routes, route("every-operation", operation, uri.toString()));
        Path properties = Files.writeString(folder.resolve("empty.properties"), "");
        PolicyRun run = PolicyRun.run("--properties=" + properties, routes.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(IamPolicyGrammar.violations(run.json())).isEmpty();
        return run.grants();
    }

    /** What the operation's own grants say, for the same call: resource -> actions. */
    private static Map<String, Set<String>> expected(Trays3Operation operation, boolean withPresenceInputs) {
        Set<Input<?>> given = new HashSet<>();
        if (withPresenceInputs) {
            operation.spec().inputs().stream().filter(i -> i.hasOption() && i.iam() == Input.IamUse.PRESENCE)
                    .forEach(given::add);
        }
        IamCall call = new IamCall() {
            @Override
            public String valueOf(Input<?> input) {
                return operation.spec().reads(input) && input.iam() == Input.IamUse.VALUE ? sample(input) : null;
            }

            @Override
            public boolean given(Input<?> input) {
                return given.contains(input);
            }
        };
        Map<String, Set<String>> grants = new TreeMap<>();
        for (IamGrant grant : operation.grants(call)) {
            grants.computeIfAbsent(grant.resource(), r -> new TreeSet<>()).addAll(grant.actions());
        }
        assertThat(grants).as("every operation needs something").isNotEmpty();
        return grants;
    }

    /** A route that calls the operation: from a direct: endpoint, or for a consumer, from the operation itself. */
    static String route(String id, Trays3Operation operation, String uri) {
        return operation.has(Trait.CONSUMES)
                ? "- route:\n    id: " + id + "\n    from:\n      uri: \"" + uri + "\"\n      steps:\n        - to: log:out\n"
                : "- route:\n    id: " + id + "\n    from:\n      uri: direct:in\n      steps:\n        - to: \"" + uri + "\"\n";
    }

    /**
     * A fixed value for an input: its last allowed value (PUT for httpMethod), true for a boolean, a bucket name for a
     * bucket, else a word.
     */
    static String sample(Input<?> input) {
        if (input.type() == Boolean.class) {
            return "true";
        }
        if (!input.allowedValues().isEmpty()) {
            return input.allowedValues().get(input.allowedValues().size() - 1);
        }
        if (input == Input.ACL) {
            return "private";
        }
        return input.option().toLowerCase().contains("bucket") ? "every-op-" + input.option().toLowerCase()
                : "sample-" + input.option().toLowerCase();
    }
}
