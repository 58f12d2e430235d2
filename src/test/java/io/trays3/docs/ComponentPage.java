package io.trays3.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.operation.IamCall;
import io.trays3.operation.IamGrant;
import io.trays3.operation.Input;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.util.json.JsonObject;

/**
 * Writes the generated parts of the component page, {@code src/main/docs/trays3-component.adoc}: its header attributes
 * and the option, header and permission tables, from the catalog entry ({@code trays3.json}, which
 * camel-component-maven-plugin generates from the annotations) and from the operations' IAM grants. Everything else on
 * the page is written by hand. {@link ComponentPageTest} fails when the committed page differs from what this gives.
 */
public final class ComponentPage {

    /** Where the page lives, from the project root. */
    public static final String PATH = "src/main/docs/trays3-component.adoc";
    /** The command that rewrites the generated parts of the page. */
    public static final String UPDATE_COMMAND = "mvn -B test -Dtest=ComponentPageTest -Dtrays3.docs.update=true";

    static final String OPTIONS_START = "// component options: START";
    static final String OPTIONS_END = "// component options: END";
    static final String PERMISSIONS_START = "// permissions: START";
    static final String PERMISSIONS_END = "// permissions: END";

    static final String COMPONENT_OPTIONS = "=== Component options";
    static final String PATH_PARAMETERS = "==== Path parameters";
    static final String QUERY_PARAMETERS = "==== Query parameters";
    static final String HEADERS = "=== Message headers";

    private static final String TABLE = "|===";
    private static final Pattern PACKAGE = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.(?=[A-Z])");

    private ComponentPage() {
    }

    /** The page with its generated parts rewritten from the catalog; the rest is kept as it is. */
    public static String render(String page, JsonObject catalog) {
        JsonObject component = object(catalog, "component");
        String result = headerAttributes(page, component);
        result = replaceBetween(result, OPTIONS_START, OPTIONS_END, options(catalog));
        return replaceBetween(result, PERMISSIONS_START, PERMISSIONS_END, permissions());
    }

    // --- header ---------------------------------------------------------------------------------------------------

    private static String headerAttributes(String page, JsonObject component) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("doctitle", component.getString("title"));
        attributes.put("shortname", component.getString("scheme"));
        attributes.put("artifactid", component.getString("artifactId"));
        attributes.put("description", component.getString("description"));
        attributes.put("since", since(component.getString("firstVersion")));
        attributes.put("supportlevel", component.getString("supportLevel"));
        attributes.put("component-header", componentHeader(component));

        String result = replaceLine(page, Pattern.compile("\\A= .*$", Pattern.MULTILINE),
                                    "= " + component.getString("title") + " Component", "the title line (= ...)");
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            Pattern line = Pattern.compile("^:" + Pattern.quote(attribute.getKey()) + ":.*$", Pattern.MULTILINE);
            result = replaceLine(result, line, ":" + attribute.getKey() + ": " + attribute.getValue(),
                                 "the header attribute :" + attribute.getKey() + ":");
        }
        return result;
    }

    /** Camel's pages give the version a component first shipped in as major.minor. */
    private static String since(String firstVersion) {
        String[] parts = firstVersion.split("\\.");
        return parts.length < 2 ? firstVersion : parts[0] + "." + parts[1];
    }

    private static String componentHeader(JsonObject component) {
        if (Boolean.TRUE.equals(component.get("producerOnly"))) {
            return "Only producer is supported";
        }
        if (Boolean.TRUE.equals(component.get("consumerOnly"))) {
            return "Only consumer is supported";
        }
        return "Both producer and consumer are supported";
    }

    // --- options and headers --------------------------------------------------------------------------------------

    private static String options(JsonObject catalog) {
        JsonObject component = object(catalog, "component");
        String scheme = component.getString("scheme");
        List<JsonObject> componentOptions = entries(object(catalog, "componentProperties"));
        List<JsonObject> path = new ArrayList<>();
        List<JsonObject> query = new ArrayList<>();
        for (JsonObject option : entries(object(catalog, "properties"))) {
            ("path".equals(option.getString("kind")) ? path : query).add(option);
        }
        List<JsonObject> headers = entries(object(catalog, "headers"));

        StringBuilder out = new StringBuilder();
        out.append("// Generated from the catalog entry (trays3.json): do not edit by hand; run\n")
                .append("// ").append(UPDATE_COMMAND).append('\n');
        out.append('\n').append(COMPONENT_OPTIONS).append("\n\n")
                .append("The ").append(scheme).append(" component supports ").append(count(componentOptions, "option"))
                .append(", the defaults of every endpoint, set as `camel.component.").append(scheme)
                .append(".<option>` (or `camel.component.").append(scheme).append(".<kebab-case-option>`):\n\n");
        optionTable(out, componentOptions);
        out.append('\n').append("=== Endpoint options\n\n")
                .append("----\n").append(component.getString("syntax")).append("\n----\n\n")
                .append("with the following path and query parameters.\n\n")
                .append(PATH_PARAMETERS).append(" (").append(count(path, "parameter")).append(")\n\n");
        optionTable(out, path);
        out.append('\n').append(QUERY_PARAMETERS).append(" (").append(count(query, "parameter")).append(")\n\n");
        optionTable(out, query);
        out.append('\n').append(HEADERS).append("\n\n")
                .append("The ").append(scheme).append(" component supports ").append(count(headers, "message header"))
                .append(":\n\n");
        headerTable(out, headers);
        return out.toString();
    }

    private static void optionTable(StringBuilder out, List<JsonObject> options) {
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n").append(TABLE).append('\n')
                .append("| Name | Description | Default | Type\n");
        for (JsonObject option : options) {
            String group = option.getString("group");
            out.append("| *").append(option.getString("name")).append("* (").append(group).append(") | ")
                    .append(description(option)).append(" | ").append(defaultValue(option)).append(" | ")
                    .append(escape(simpleType(option.getString("javaType")))).append('\n');
        }
        out.append(TABLE).append('\n');
    }

    private static void headerTable(StringBuilder out, List<JsonObject> headers) {
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n").append(TABLE).append('\n')
                .append("| Name | Description | Default | Type\n");
        for (JsonObject header : headers) {
            String constant = header.getString("constantName");
            String field = constant == null ? "" : " Constant: `" + simpleType(constant.replace('#', '.')) + "`.";
            out.append("| *").append(header.getString("name")).append("* (").append(header.getString("group")).append(") | ")
                    .append(description(header)).append(field).append(" | ").append(defaultValue(header)).append(" | ")
                    .append(escape(simpleType(header.getString("javaType")))).append('\n');
        }
        out.append(TABLE).append('\n');
    }

    private static String description(JsonObject option) {
        StringBuilder text = new StringBuilder();
        if (Boolean.TRUE.equals(option.get("required"))) {
            text.append("*Required* ");
        }
        if (Boolean.TRUE.equals(option.get("autowired"))) {
            text.append("*Autowired* ");
        }
        text.append(escape(option.getString("description")));
        Object values = option.get("enum");
        if (values instanceof List<?> list && !list.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            list.forEach(value -> quoted.add("`" + value + "`"));
            text.append(" Values: ").append(String.join(", ", quoted)).append('.');
        }
        if (Boolean.TRUE.equals(option.get("secret"))) {
            text.append(" A secret: Camel masks it wherever it logs the endpoint.");
        }
        if (Boolean.TRUE.equals(option.get("deprecated"))) {
            text.append(" *Deprecated*.");
        }
        return text.toString();
    }

    private static String defaultValue(JsonObject option) {
        Object value = option.get("defaultValue");
        return value == null || value.toString().isEmpty() ? "" : "`" + escape(value.toString()) + "`";
    }

    /** {@code software.amazon.awssdk.services.s3.S3Client} is {@code S3Client}; generics keep their shape. */
    static String simpleType(String javaType) {
        return javaType == null ? "" : PACKAGE.matcher(javaType).replaceAll("");
    }

    /** Keeps a table cell a table cell, and catalog text from being read as an attribute reference. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("{", "\\{");
    }

    private static String count(List<?> items, String noun) {
        return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
    }

    /** A catalog section's entries in catalog order (their index), each with its name. */
    static List<JsonObject> entries(JsonObject section) {
        List<JsonObject> result = new ArrayList<>();
        for (Map.Entry<String, Object> entry : section.entrySet()) {
            JsonObject option = new JsonObject((JsonObject) entry.getValue());
            option.put("name", entry.getKey());
            result.add(option);
        }
        result.sort((a, b) -> Integer.compare(index(a), index(b)));
        return result;
    }

    private static int index(JsonObject option) {
        Object index = option.get("index");
        return index instanceof Number number ? number.intValue() : Integer.MAX_VALUE;
    }

    // --- permissions ----------------------------------------------------------------------------------------------

    /**
     * One row per resource an operation needs, from its grants: the actions of a call with no optional input, then
     * what each input that adds actions (versionId, acl) adds, then the other calls an input with a short list of
     * values (httpMethod) makes.
     */
    private static String permissions() {
        StringBuilder out = new StringBuilder();
        out.append("// Generated from the operations' IAM grants (Trays3Operation): do not edit by hand; run\n")
                .append("// ").append(UPDATE_COMMAND).append("\n\n")
                .append("[width=\"100%\",cols=\"2,5,3\",options=\"header\"]\n").append(TABLE).append('\n')
                .append("| Operation | Actions | Resource\n");
        List<Input<?>> presence = presenceInputs();
        for (Trays3Operation operation : Trays3Operation.values()) {
            List<IamGrant> base = operation.grants(new Call(Map.of(), Set.of()));
            boolean first = true;
            for (int i = 0; i < base.size(); i++) {
                IamGrant grant = base.get(i);
                StringBuilder actions = new StringBuilder(codes(grant.actions()));
                for (Input<?> input : presence) {
                    List<IamGrant> with = operation.grants(new Call(Map.of(), Set.of(input)));
                    if (with.size() == base.size()) {
                        Set<String> added = new LinkedHashSet<>(with.get(i).actions());
                        added.removeAll(grant.actions());
                        if (!added.isEmpty()) {
                            actions.append(" (+ ").append(codes(List.copyOf(added))).append(" with `")
                                    .append(input.option()).append("`)");
                        }
                    }
                }
                out.append("| ").append(first ? "`" + operation.name() + "`" : "").append(" | ").append(actions)
                        .append(" | `").append(grant.resource()).append("`\n");
                first = false;
            }
            for (Input<?> input : operation.spec().inputs()) {
                for (String value : input.allowedValues()) {
                    if (value.equals(input.defaultValue())) {
                        continue;
                    }
                    List<IamGrant> other = operation.grants(new Call(Map.of(input, value), Set.of()));
                    if (!other.equals(base)) {
                        for (IamGrant grant : other) {
                            out.append("| | with `").append(input.option()).append('=').append(value).append("`: ")
                                    .append(codes(grant.actions())).append(" | `").append(grant.resource()).append("`\n");
                        }
                    }
                }
            }
        }
        out.append(TABLE).append('\n');
        return out.toString();
    }

    private static String codes(List<String> actions) {
        List<String> quoted = new ArrayList<>();
        actions.forEach(action -> quoted.add("`" + action + "`"));
        return String.join(", ", quoted);
    }

    /** The inputs whose presence adds actions (versionId, acl), from the constants of {@link Input}. */
    private static List<Input<?>> presenceInputs() {
        List<Input<?>> result = new ArrayList<>();
        for (Field field : Input.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Input.class) {
                try {
                    Input<?> input = (Input<?>) field.get(null);
                    if (input.iam() == Input.IamUse.PRESENCE) {
                        result.add(input);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return result;
    }

    /** A call whose resources are named by their inputs in capitals (BUCKET, KEY, DESTINATIONBUCKET). */
    private record Call(Map<Input<?>, String> values, Set<Input<?>> given) implements IamCall {

        @Override
        public String valueOf(Input<?> input) {
            if (values.containsKey(input)) {
                return values.get(input);
            }
            if (!input.allowedValues().isEmpty()) {
                return input.defaultValue();
            }
            return input.option().toUpperCase(Locale.ROOT);
        }

        @Override
        public boolean given(Input<?> input) {
            return given.contains(input);
        }
    }

    // --- text -----------------------------------------------------------------------------------------------------

    private static String replaceLine(String page, Pattern line, String replacement, String what) {
        Matcher matcher = line.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException(PATH + " has no " + what + ": the generator rewrites it, so it must be there");
        }
        return page.substring(0, matcher.start()) + replacement + page.substring(matcher.end());
    }

    private static String replaceBetween(String page, String start, String end, String content) {
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(PATH + " must hold the lines '" + start + "' and then '" + end
                                            + "': the generated tables go between them");
        }
        return page.substring(0, from + start.length()) + "\n" + content + page.substring(to);
    }

    private static JsonObject object(JsonObject parent, String name) {
        return (JsonObject) parent.get(name);
    }
}
