package io.trays3.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document: version 2012-10-17, Allow statements only.
 *
 * @param statements the statements, in a stable order
 */
public record Policy(List<Statement> statements) {

    /** The policy language version. */
    public static final String VERSION = "2012-10-17";
    /** The only effect trays3 policies use. */
    public static final String ALLOW = "Allow";

    public Policy {
        statements = List.copyOf(statements);
    }

    /**
     * One Allow statement.
     *
     * @param sid       a unique, alphanumeric statement id
     * @param actions   the actions, sorted
     * @param resources the resource ARNs, sorted
     * @param condition a condition, or null
     */
    public record Statement(String sid, List<String> actions, List<String> resources, Condition condition) {

        public Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
        }
    }

    /**
     * A one-key condition such as {@code {"StringLike": {"s3:prefix": ["tmp/*"]}}}.
     *
     * @param operator the condition operator (StringLike)
     * @param key      the condition key (s3:prefix)
     * @param values   the values, sorted
     */
    public record Condition(String operator, String key, List<String> values) {

        public Condition {
            values = List.copyOf(values);
        }
    }

    /** The policy as JSON-shaped maps and lists, keys in AWS's usual order. */
    public Map<String, Object> toDocument() {
        List<Object> list = new ArrayList<>();
        for (Statement statement : statements) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Sid", statement.sid());
            s.put("Effect", ALLOW);
            s.put("Action", statement.actions());
            s.put("Resource", statement.resources());
            if (statement.condition() != null) {
                Condition c = statement.condition();
                s.put("Condition", Map.of(c.operator(), Map.of(c.key(), c.values())));
            }
            list.add(s);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", VERSION);
        document.put("Statement", list);
        return document;
    }
}
