package io.trays3.tools;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How {@code policy} prints a policy: IAM JSON, the same as YAML, or a Terraform {@code aws_iam_policy_document}. */
public enum PolicyFormat {

    /** The IAM policy JSON, 2-space indent. */
    JSON {
        @Override
        public String render(Policy policy) {
            try {
                return writer().writeValueAsString(policy.toDocument()) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the policy as JSON", e);
            }
        }
    },
    /** The same document as YAML (every string double-quoted, so no YAML reader takes 2012-10-17 for a date). */
    YAML {
        @Override
        public String render(Policy policy) {
            StringBuilder yaml = new StringBuilder();
            yamlMap(policy.toDocument(), 0, yaml);
            return yaml.toString();
        }
    },
    /** A Terraform {@code data "aws_iam_policy_document" "trays3"} block. */
    TERRAFORM {
        @Override
        public String render(Policy policy) {
            StringBuilder tf = new StringBuilder("data \"aws_iam_policy_document\" \"trays3\" {\n");
            tf.append("  version = ").append(hcl(Policy.VERSION)).append('\n');
            for (Policy.Statement statement : policy.statements()) {
                tf.append("\n  statement {\n");
                tf.append("    sid       = ").append(hcl(statement.sid())).append('\n');
                tf.append("    effect    = ").append(hcl(Policy.ALLOW)).append('\n');
                tf.append("    actions   = ").append(hcl(statement.actions())).append('\n');
                tf.append("    resources = ").append(hcl(statement.resources())).append('\n');
                Policy.Condition condition = statement.condition();
                if (condition != null) {
                    tf.append("\n    condition {\n");
                    tf.append("      test     = ").append(hcl(condition.operator())).append('\n');
                    tf.append("      variable = ").append(hcl(condition.key())).append('\n');
                    tf.append("      values   = ").append(hcl(condition.values())).append('\n');
                    tf.append("    }\n");
                }
                tf.append("  }\n");
            }
            return tf.append("}\n").toString();
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The policy in this format, ending with a newline. */
    public abstract String render(Policy policy);

    /** The format of that name (json, yaml, terraform; any case), or null. */
    public static PolicyFormat named(String name) {
        for (PolicyFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return format;
            }
        }
        return null;
    }

    /** The names, as the command line takes them. */
    public static String names() {
        return String.join("|", List.of(JSON.name(), YAML.name(), TERRAFORM.name())).toLowerCase(Locale.ROOT);
    }

    private static com.fasterxml.jackson.databind.ObjectWriter writer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return MAPPER.writer(printer);
    }

    /** A JSON string literal: also a valid YAML double-quoted scalar. */
    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String yamlKey(String key) {
        return key.matches("[A-Za-z][A-Za-z0-9]*") ? key : quoted(key);
    }

    private static void yamlMap(Map<?, ?> map, int indent, StringBuilder yaml) {
        String pad = " ".repeat(indent);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            yaml.append(pad).append(yamlKey(String.valueOf(entry.getKey()))).append(':');
            yamlValue(entry.getValue(), indent + 2, yaml);
        }
    }

    private static void yamlValue(Object value, int indent, StringBuilder yaml) {
        if (value instanceof Map<?, ?> map) {
            yaml.append('\n');
            yamlMap(map, indent, yaml);
        } else if (value instanceof List<?> list) {
            yaml.append('\n');
            String pad = " ".repeat(indent);
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    StringBuilder nested = new StringBuilder();
                    yamlMap(map, indent + 2, nested);
                    yaml.append(pad).append("- ").append(nested.substring(indent + 2));
                } else {
                    yaml.append(pad).append("- ").append(quoted(String.valueOf(item))).append('\n');
                }
            }
        } else {
            yaml.append(' ').append(quoted(String.valueOf(value))).append('\n');
        }
    }

    /** An HCL string: Terraform would read ${ and %{ as templates, so they are doubled. */
    private static String hcl(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '$', '%' -> s.append(next == '{' ? "" + c + c : String.valueOf(c));
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static String hcl(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(hcl(values.get(i)));
        }
        return s.append(']').toString();
    }
}
