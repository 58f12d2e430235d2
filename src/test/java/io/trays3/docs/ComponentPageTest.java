package io.trays3.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.operation.Trays3Operation;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The component page ({@value ComponentPage#PATH}): its generated parts are what the catalog gives, every option and
 * header of the catalog has its row, and every operation has its section with Java, XML and YAML examples.
 * With {@code -Dtrays3.docs.update=true} the first test rewrites the generated parts instead of failing, and the others
 * then read the page it wrote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComponentPageTest {

    private static final Path PAGE = Path.of(ComponentPage.PATH);
    private static final Pattern ROW_NAME = Pattern.compile("^\\| \\*([^*]+)\\*");

    @Test
    @Order(1)
    void theGeneratedPartsOfThePageAreWhatTheCatalogGives() throws Exception {
        String committed = Files.readString(PAGE);
        String generated = ComponentPage.render(committed, catalog());

        if (Boolean.getBoolean("trays3.docs.update")) {
            if (!generated.equals(committed)) {
                Files.writeString(PAGE, generated);
                System.out.println("[trays3] rewrote the generated parts of " + PAGE + ": review and commit it");
            }
            return;
        }
        if (!generated.equals(committed)) {
            fail(PAGE + " is out of date with the catalog (an option, a header, an operation or its grants changed)."
                 + " Regenerate it with\n    " + ComponentPage.UPDATE_COMMAND + "\nthen review and commit it."
                 + " First difference, at line " + firstDifferentLine(committed, generated) + ":\n"
                 + "  committed: " + line(committed, firstDifferentLine(committed, generated)) + "\n"
                 + "  generated: " + line(generated, firstDifferentLine(committed, generated)));
        }
    }

    @Test
    void everyOptionAndHeaderOfTheCatalogHasItsRowOnThePage() throws Exception {
        String page = Files.readString(PAGE);
        JsonObject catalog = catalog();
        List<String> endpointPath = new ArrayList<>();
        List<String> endpointQuery = new ArrayList<>();
        for (JsonObject option : ComponentPage.entries((JsonObject) catalog.get("properties"))) {
            ("path".equals(option.getString("kind")) ? endpointPath : endpointQuery).add(option.getString("name"));
        }

        assertThat(rows(page, ComponentPage.COMPONENT_OPTIONS)).as("component options on the page")
                .containsExactlyInAnyOrderElementsOf(((JsonObject) catalog.get("componentProperties")).keySet());
        assertThat(rows(page, ComponentPage.PATH_PARAMETERS)).as("path parameters on the page")
                .containsExactlyInAnyOrderElementsOf(endpointPath);
        assertThat(rows(page, ComponentPage.QUERY_PARAMETERS)).as("query parameters on the page")
                .containsExactlyInAnyOrderElementsOf(endpointQuery);
        assertThat(rows(page, ComponentPage.HEADERS)).as("message headers on the page")
                .containsExactlyInAnyOrderElementsOf(((JsonObject) catalog.get("headers")).keySet());
    }

    @Test
    void everyOperationHasItsSectionWithJavaXmlAndYamlExamples() throws Exception {
        String page = Files.readString(PAGE);
        String operations = page.substring(page.indexOf("\n== Operations\n"), page.indexOf("\n== Permissions (IAM)\n"));

        for (Trays3Operation operation : Trays3Operation.values()) {
            String heading = "\n=== " + operation.name() + "\n";
            assertThat(operations).as("a section '=== %s' under '== Operations'", operation.name()).contains(heading);
            String section = operations.substring(operations.indexOf(heading) + heading.length());
            int next = section.indexOf("\n=== ");
            section = next < 0 ? section : section.substring(0, next);
            assertThat(section).as("the section of " + operation.name())
                    .contains("[source,java]", "[source,xml]", "[source,yaml]")
                    .contains("trays3:" + operation.name());
        }
    }

    @Test
    void theGeneratedPermissionTableHasARowForEveryOperation() throws Exception {
        String page = Files.readString(PAGE);
        String table = page.substring(page.indexOf(ComponentPage.PERMISSIONS_START), page.indexOf(ComponentPage.PERMISSIONS_END));

        for (Trays3Operation operation : Trays3Operation.values()) {
            assertThat(table).as(operation.name()).contains("| `" + operation.name() + "` | `s3:");
        }
        assertThat(table).contains("| `getObject` | `s3:GetObject` (+ `s3:GetObjectVersion` with `versionId`)"
                                   + " | `arn:aws:s3:::BUCKET/KEY`")
                .contains("| | with `httpMethod=PUT`: `s3:PutObject` | `arn:aws:s3:::BUCKET/KEY`")
                .contains("| `listBuckets` | `s3:ListAllMyBuckets` | `*`")
                .contains("`arn:aws:s3:::DESTINATIONBUCKET/DESTINATIONKEY`");
    }

    /** The names in the first column of the table under a heading. */
    private static Set<String> rows(String page, String heading) {
        int at = page.indexOf("\n" + heading);
        assertThat(at).as("the heading '%s' on the page", heading).isNotNegative();
        String rest = page.substring(at);
        int start = rest.indexOf("|===\n");
        int end = rest.indexOf("|===\n", start + 1);
        assertThat(start).as("a table under '%s'", heading).isNotNegative();
        Set<String> names = new LinkedHashSet<>();
        for (String line : rest.substring(start, end).split("\n")) {
            Matcher name = ROW_NAME.matcher(line);
            if (name.find()) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    static JsonObject catalog() throws Exception {
        try (InputStream in = ComponentPageTest.class.getResourceAsStream("/META-INF/io/trays3/trays3.json")) {
            assertThat(in).as("the generated catalog entry on the classpath").isNotNull();
            return (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static int firstDifferentLine(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            if (!left[i].equals(right[i])) {
                return i + 1;
            }
        }
        return Math.min(left.length, right.length) + 1;
    }

    private static String line(String text, int number) {
        String[] lines = text.split("\n", -1);
        return number <= lines.length ? lines[number - 1] : "(end of page)";
    }
}
