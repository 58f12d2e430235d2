package io.trays3.tools;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.OutputDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.language.ConstantExpression;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The walker's table of steps against Camel's model, and what it does with a step it does not know. */
class RouteFlowTest {

    /** A step of a kind the walker has never heard of, holding a step and an endpoint URI. */
    static final class CustomDefinition extends OutputDefinition<CustomDefinition> {
        @Override
        public String getShortName() {
            return "custom";
        }

        public String getUri() {
            return "trays3:putObjectText?bucket=u-custom-uri&key=u.txt";
        }
    }

    @Test
    void everyStepOfCamelsModelHasAWalker() throws IOException, URISyntaxException, ClassNotFoundException {
        Path jar = Path.of(ProcessorDefinition.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> unknown = new ArrayList<>();
        int steps = 0;
        RouteFlow flow = new RouteFlow(new DefaultCamelContext(), Map.of());
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : zip.stream().map(e -> e.getName()).filter(n -> n.endsWith("Definition.class"))
                    .filter(n -> n.startsWith("org/apache/camel/model/")).toList()) {
                Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
                if (ProcessorDefinition.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())
                    && type != RouteDefinition.class) {
                    steps++;
                    if (!flow.knows(type)) {
                        unknown.add(type.getName());
                    }
                }
            }
        }
        // a Camel upgrade that adds an EIP fails here until the walker knows it
        assertThat(steps).as("steps in " + jar).isGreaterThan(70);
        assertThat(unknown).isEmpty();
        assertThat(flow.knows(CustomDefinition.class)).isFalse();
    }

    @Test
    void aStepTheWalkerDoesNotKnowIsWarnedWithItsRouteAndFileAndWhatItHoldsIsWalked() {
        RouteDefinition route = new RouteDefinition();
        route.from("timer:custom");
        route.addOutput(new SetHeaderDefinition("CamelTrays3Bucket", new ConstantExpression("u-before-custom")));
        CustomDefinition custom = new CustomDefinition();
        custom.to("trays3:headObject?key=inside.txt");
        route.addOutput(custom);
        RouteFlow flow = new RouteFlow(new DefaultCamelContext(), Map.of());
        RouteFlow.Recorder rec = new RouteFlow.Recorder("u-custom", "custom.yaml");

        flow.route(route, new TreeMap<>(), rec);

        assertThat(rec.warnings).singleElement().asString()
                .startsWith("route 'u-custom' (custom.yaml): 'custom' (" + CustomDefinition.class.getName() + ")")
                .contains("1 step(s)").contains("getUri() = 'trays3:putObjectText?bucket=u-custom-uri&key=u.txt'")
                .contains("not followed");
        // walked from a state in which the unknown step may have set any header: the bucket may be anything
        assertThat(rec.uses).extracting(EndpointUse::key, EndpointUse::bucket).contains(tuple("inside.txt", "u-before-custom"),
                tuple("inside.txt", null), tuple("u.txt", "u-custom-uri"), tuple("u.txt", null));
    }
}
