package io.trays3.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One run of the policy command, with what it printed. */
record PolicyRun(int exit, String out, String err) {

    static final String TOOLS = "src/test/resources/tools/";
    static final String FIXTURE_PROPERTIES = "--properties=" + TOOLS + "fixtures.properties";
    static final ObjectMapper MAPPER = new ObjectMapper();

    static PolicyRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PolicyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                                     new PrintStream(err, true, StandardCharsets.UTF_8));
        return new PolicyRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The policy for fixture files (paths under src/test/resources/tools/), with the fixture properties. */
    static PolicyRun fixtures(String... files) {
        String[] args = new String[files.length + 1];
        args[0] = FIXTURE_PROPERTIES;
        for (int i = 0; i < files.length; i++) {
            args[i + 1] = files[i].startsWith("--") ? files[i] : TOOLS + files[i];
        }
        return run(args);
    }

    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    /** resource -> the actions granted on it, over all statements. */
    Map<String, Set<String>> grants() {
        return grants(json());
    }

    static Map<String, Set<String>> grants(JsonNode policy) {
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode statement : policy.get("Statement")) {
            for (JsonNode resource : statement.get("Resource")) {
                Set<String> actions = grants.computeIfAbsent(resource.asText(), r -> new TreeSet<>());
                statement.get("Action").forEach(a -> actions.add(a.asText()));
            }
        }
        return grants;
    }

    /** Sid -> statement. */
    Map<String, JsonNode> statements() {
        Map<String, JsonNode> statements = new LinkedHashMap<>();
        json().get("Statement").forEach(s -> statements.put(s.get("Sid").asText(), s));
        return statements;
    }
}
