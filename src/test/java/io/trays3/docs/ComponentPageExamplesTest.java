package io.trays3.docs;

import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import io.trays3.Trays3Endpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the component page are real routes: the YAML and XML ones load with Camel's own loaders, the Java ones
 * compile inside a RouteBuilder, and every trays3 endpoint they name resolves (a wrong operation or option fails). The
 * routes are built but never started: nothing is sent anywhere.
 */
class ComponentPageExamplesTest {

    private DefaultCamelContext context;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
        context.setAutoStartup(false);
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void theYamlAndXmlExamplesLoadAndTheirEndpointsResolve() throws Exception {
        List<Snippet> snippets = snippets();
        int loaded = 0;
        for (Snippet snippet : snippets) {
            String extension = switch (snippet.language()) {
                case "yaml" -> snippet.text().startsWith("- route:") ? "yaml" : null;
                case "xml" -> snippet.text().startsWith("<route>") ? "xml" : null;
                default -> null;
            };
            if (extension != null) {
                PluginHelper.getRoutesLoader(context)
                        .loadRoutes(ResourceHelper.fromString("page-line-" + snippet.line() + "." + extension, snippet.text()));
                loaded++;
            }
        }
        context.start();

        assertThat(loaded).as("YAML and XML route examples on the page").isGreaterThanOrEqualTo(26);
        assertEveryTrays3EndpointResolved();
    }

    @Test
    void theJavaExamplesCompileAndTheirEndpointsResolve(@TempDir Path work) throws Exception {
        List<String> classes = new ArrayList<>();
        for (Snippet snippet : snippets()) {
            if ("java".equals(snippet.language())) {
                String name = "PageExampleAtLine" + snippet.line();
                Files.writeString(work.resolve(name + ".java"), routeBuilder(name, snippet.text()));
                classes.add(name);
            }
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<Path> sources = classes.stream().map(name -> work.resolve(name + ".java")).toList();
            compiled = compiler.getTask(errors, files, null,
                                        List.of("-proc:none", "-classpath", testClasspath(), "-d", work.toString()), null,
                                        files.getJavaFileObjectsFromPaths(sources)).call();
        }

        assertThat(compiled).as("javac on the page's Java examples:\n%s", errors).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, getClass().getClassLoader())) {
            for (String name : classes) {
                context.addRoutes((RoutesBuilder) loader.loadClass(name).getDeclaredConstructor().newInstance());
            }
            context.start();
        }

        assertThat(classes).as("Java examples on the page").hasSizeGreaterThanOrEqualTo(15);
        assertEveryTrays3EndpointResolved();
    }

    private void assertEveryTrays3EndpointResolved() {
        List<String> trays3 = context.getEndpoints().stream().filter(Trays3Endpoint.class::isInstance)
                .map(Endpoint::getEndpointUri).toList();
        assertThat(trays3).as("trays3 endpoints of the examples").hasSizeGreaterThanOrEqualTo(13);
    }

    /** A Java example as the body of {@code configure()}, with the imports a route author would have. */
    private static String routeBuilder(String name, String body) {
        return "import io.trays3.*;\n"
               + "import org.apache.camel.builder.RouteBuilder;\n"
               + "public class " + name + " extends RouteBuilder {\n"
               + "    @Override\n"
               + "    public void configure() throws Exception {\n"
               + body + "\n"
               + "    }\n"
               + "}\n";
    }

    /** The classpath of this test run, also when Surefire starts the JVM through a manifest-only jar. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The source blocks of the page: {@code [source,LANG]}, then a block between {@code ----} lines. */
    private static List<Snippet> snippets() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(ComponentPage.PATH));
        List<Snippet> result = new ArrayList<>();
        for (int i = 0; i < lines.size() - 1; i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("[source,") && "----".equals(lines.get(i + 1).trim())) {
                String language = line.substring("[source,".length(), line.length() - 1);
                StringBuilder text = new StringBuilder();
                int j = i + 2;
                while (j < lines.size() && !"----".equals(lines.get(j).trim())) {
                    text.append(lines.get(j)).append('\n');
                    j++;
                }
                result.add(new Snippet(language, text.toString(), i + 3));
                i = j;
            }
        }
        assertThat(result).as("source blocks on the page").isNotEmpty();
        return result;
    }

    /** A source block of the page, with the line its text starts on. */
    private record Snippet(String language, String text, int line) {
    }
}
