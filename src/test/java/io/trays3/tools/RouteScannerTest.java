package io.trays3.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.trays3.operation.Input;
import io.trays3.operation.Trays3Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The scanner's records: what the doctor command will read too. */
class RouteScannerTest {

    private static final Path TOOLS = Path.of("src/test/resources/tools");

    private static ScanResult scan(String... files) throws RouteScanException {
        List<Path> paths = java.util.Arrays.stream(files).map(TOOLS::resolve).toList();
        return new RouteScanner(paths, TOOLS.resolve("fixtures.properties"), true).scan();
    }

    @Test
    void recordsEveryUseWithRouteFileOperationAndResolvedOptions() throws Exception {
        ScanResult result = scan("operations/operations.yaml", "features/acl.yaml");

        assertThat(result.files()).containsExactly("src/test/resources/tools/operations/operations.yaml",
                                                   "src/test/resources/tools/features/acl.yaml");
        assertThat(result.uses()).extracting(EndpointUse::routeId, EndpointUse::operation, EndpointUse::bucket,
                                             EndpointUse::key, u -> u.given(Input.ACL), EndpointUse::anyBucket)
                .contains(tuple("op-delete-object", Trays3Operation.deleteObject, "op-delete-object", "a.txt", false, false),
                          tuple("acl-option", Trays3Operation.putObjectText, "acl-on", "a.txt", true, false),
                          tuple("acl-header", Trays3Operation.putObjectFile, "acl-header", null, true, false),
                          tuple("acl-removed", Trays3Operation.putObjectText, "acl-removed", "a.txt", false, false));
        assertThat(result.uses()).filteredOn(u -> u.routeId().equals("op-signed-url")).singleElement()
                .satisfies(u -> assertThat(u.valueOf(Input.HTTP_METHOD)).isEqualTo("GET"))
                .satisfies(u -> assertThat(u.source()).isEqualTo("src/test/resources/tools/operations/operations.yaml"));
    }

    @Test
    void marksBucketsOnlyKnownAtRunTimeAsDynamic() throws Exception {
        ScanResult result = scan("dynamic/dynamic.yaml");

        assertThat(result.uses()).filteredOn(EndpointUse::anyBucket).extracting(EndpointUse::routeId)
                .containsExactlyInAnyOrder("dyn-header", "dyn-tod", "dyn-no-bucket", "dyn-bean");
        assertThat(result.uses()).filteredOn(EndpointUse::anyBucket)
                .allSatisfy(u -> assertThat(u.bucket()).isNull())
                .allSatisfy(u -> assertThat(u.reason(Input.BUCKET)).isNotBlank());
        // the bean may leave the header as it was, remove it, or set anything
        assertThat(result.uses()).filteredOn(u -> u.routeId().equals("dyn-bean") && !u.anyBucket())
                .extracting(EndpointUse::bucket).containsExactly("dyn-before-bean");
    }

    @Test
    void followsHeadersAndNotesAws2S3Endpoints() throws Exception {
        ScanResult result = scan("features/flows.yaml");

        assertThat(result.uses()).filteredOn(u -> u.routeId().equals("flow-choice")).extracting(EndpointUse::bucket)
                .containsExactlyInAnyOrder("flow-eu", "flow-us");
        assertThat(result.uses()).filteredOn(u -> u.routeId().equals("flow-callee")).extracting(EndpointUse::bucket)
                .containsExactly("flow-called");
        assertThat(result.uses()).filteredOn(u -> u.operation() == Trays3Operation.deleteMultipleObjects)
                .extracting(EndpointUse::bucket).containsExactlyInAnyOrder("flow-listed", "flow-listed2");
        // the placeholder's {{env:...:fx-incoming}} default
        assertThat(result.aws2S3Uses()).containsExactly(new Aws2S3Use("flow-aws2-s3",
                "src/test/resources/tools/features/flows.yaml", "fx-incoming", true, null));
        assertThat(result.uses()).noneMatch(EndpointUse::anyBucket);
    }

    @Test
    void readsBothYamlAndXmlFromAFolder() throws Exception {
        ScanResult result = scan("operations");

        assertThat(result.files()).containsExactly("src/test/resources/tools/operations/operations.xml",
                                                   "src/test/resources/tools/operations/operations.yaml");
        Set<Trays3Operation> operations = result.uses().stream().map(EndpointUse::operation).collect(Collectors.toSet());
        assertThat(operations).containsExactlyInAnyOrder(Trays3Operation.values());
    }

    @Test
    void withoutRouteFilesItReadsWhatTheIncludePatternNamesLessTheExcludePattern() throws Exception {
        ScanResult result = new RouteScanner(List.of(), TOOLS.resolve("walk/walk.properties"), true).scan();

        // Camel Main's resolver: ** reaches the sub-folder, **/drafts/** leaves the draft out
        assertThat(result.files()).containsExactlyInAnyOrder("src/test/resources/tools/walk/example/orders.yaml",
                                                             "src/test/resources/tools/walk/example/reports/daily-report.yaml");
        assertThat(result.routes()).isEqualTo("the route files of camel.main.routes-include-pattern = "
                                              + "file:src/test/resources/tools/walk/example/**/*.yaml, "
                                              + "camel.main.routes-exclude-pattern = **/drafts/**");
        assertThat(result.uses()).extracting(EndpointUse::routeId).contains("place-order", "reserve-stock", "daily-report")
                .doesNotContain("draft");
        assertThat(result.uses()).filteredOn(u -> u.routeId().equals("daily-report")).extracting(EndpointUse::source)
                .containsOnly("src/test/resources/tools/walk/example/reports/daily-report.yaml");
    }

    @Test
    void withoutAnIncludePatternItReadsCamelMainsDefault() throws Exception {
        ScanResult result = new RouteScanner(List.of(), TOOLS.resolve("fixtures.properties"), true).scan();

        assertThat(result.files()).isEmpty();
        assertThat(result.routes()).isEqualTo("the route files of camel.main.routes-include-pattern = "
                                              + "classpath:camel/*,classpath:camel-template/*,classpath:camel-rest/*"
                                              + " (Camel Main's default)");
    }

    @Test
    void foldersAreReadWithTheirSubFoldersForYamlYmlAndXml() throws Exception {
        ScanResult result = scan("walk");

        assertThat(result.files()).isSorted().contains("src/test/resources/tools/walk/eips.yaml",
                "src/test/resources/tools/walk/example/drafts/draft.yaml",
                "src/test/resources/tools/walk/example/reports/daily-report.yaml",
                "src/test/resources/tools/walk/legacy/legacy.yml", "src/test/resources/tools/walk/strict/fixed.yaml")
                .noneMatch(f -> f.endsWith(".properties"));
        assertThat(result.uses()).extracting(EndpointUse::bucket).contains("legacy-yml", "drafts-never-loaded");
        // Camel has no loader for .yml: the application could not load it
        assertThat(result.warnings()).contains("src/test/resources/tools/walk/legacy/legacy.yml: read as YAML, but Camel"
                                               + " has no route loader for .yml files: the application cannot load it;"
                                               + " rename it .yaml");
    }

    @Test
    void aYmlFileThatTheIncludePatternNamesIsReadAndSaidToStopTheApplication() throws Exception {
        ScanResult result = new RouteScanner(List.of(), TOOLS.resolve("walk/yml.properties"), true).scan();

        assertThat(result.files()).containsExactly("src/test/resources/tools/walk/legacy/legacy.yml");
        assertThat(result.uses()).extracting(EndpointUse::bucket).containsExactly("legacy-yml");
        assertThat(result.warnings()).singleElement().asString().contains("legacy.yml: read as YAML")
                .contains("the application does not start with this file in camel.main.routes-include-pattern");
    }

    @Test
    void loadingRoutesStartsNothing() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        ScanResult result = new RouteScanner(List.of(Path.of("routes")), Path.of("application.properties"), false).scan();

        assertThat(result.uses()).isNotEmpty();
        // no consumer (timer, file, aws2-s3) ran: Camel names its consumer threads "Camel (name) thread #n - ..."
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> !before.contains(t))
                .noneMatch(t -> t.getName().startsWith("Camel ("));
    }
}
