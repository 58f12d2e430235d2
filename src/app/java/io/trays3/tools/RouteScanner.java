package io.trays3.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.trays3.operation.Input;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.OrderedComparator;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Finds every trays3 endpoint the routes use: loads YAML and XML route files with Camel's own loaders into a
 * CamelContext that is never started (nothing runs, no endpoint is created), resolves property placeholders from a
 * properties file, and walks each route's model (see {@link RouteFlow} for how buckets and keys set in headers are
 * followed). Also lists the camel-aws2-s3 endpoints, which trays3's tools do not cover.
 */
public final class RouteScanner {

    /** Where the application's routes are, relative to the working folder. */
    public static final Path DEFAULT_ROUTES = Path.of("routes");
    /** The application's properties, relative to the working folder. */
    public static final Path DEFAULT_PROPERTIES = Path.of("application.properties");

    private static final Set<String> ROUTE_EXTENSIONS = Set.of("yaml", "xml");
    /** The trays3 options whose component defaults ({@code camel.component.trays3.*}) matter to the policy. */
    private static final List<String> DEFAULTED_OPTIONS = Input.ALL.stream()
            .filter(input -> input.hasOption() && input.iam() != Input.IamUse.NONE).map(Input::option).toList();
    private static final int MAX_ROUNDS = 20;

    private final List<Path> locations;
    private final Path properties;
    private final boolean propertiesRequired;

    /**
     * @param locations          route files and folders (a folder's *.yaml and *.xml files, not its sub-folders)
     * @param properties         the properties file for placeholders and trays3 component defaults
     * @param propertiesRequired false: a missing properties file is fine (placeholders then fail on use)
     */
    public RouteScanner(List<Path> locations, Path properties, boolean propertiesRequired) {
        this.locations = List.copyOf(locations);
        this.properties = properties;
        this.propertiesRequired = propertiesRequired;
    }

    /** The application's own routes and properties, relative to the working folder. */
    public static RouteScanner defaults() {
        return new RouteScanner(List.of(DEFAULT_ROUTES), DEFAULT_PROPERTIES, false);
    }

    /** The route files the locations name, in order (a folder's files sorted by name). */
    public List<Path> routeFiles() throws RouteScanException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path location : locations) {
            if (Files.isDirectory(location)) {
                try (Stream<Path> listing = Files.list(location)) {
                    listing.filter(Files::isRegularFile).filter(RouteScanner::isRouteFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new RouteScanException("cannot read the folder " + location + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(location)) {
                if (!isRouteFile(location)) {
                    throw new RouteScanException("cannot read " + location + ": not a route file (.yaml or .xml)");
                }
                files.add(location);
            } else {
                throw new RouteScanException("cannot read " + location + ": no such file or folder (in "
                                             + Path.of("").toAbsolutePath() + ")");
            }
        }
        return new ArrayList<>(files);
    }

    /** Loads the routes (never starting them) and returns every trays3 and aws2-s3 endpoint use. */
    public ScanResult scan() throws RouteScanException {
        List<Path> files = routeFiles();
        if (propertiesRequired && !Files.isRegularFile(properties)) {
            throw new RouteScanException("cannot read the properties file " + properties + ": no such file");
        }
        DefaultCamelContext context = new DefaultCamelContext();
        try {
            PropertiesComponent placeholders = context.getPropertiesComponent();
            placeholders.setIgnoreMissingLocation(true);
            if (properties != null && Files.isRegularFile(properties)) {
                placeholders.setLocation("file:" + properties);
            }
            ModelCamelContext model = context;
            Map<Object, String> sources = new IdentityHashMap<>();
            load(context, files, sources);
            RouteFlow flow;
            try {
                flow = new RouteFlow(context, componentDefaults(placeholders));
            } catch (RuntimeException e) {
                throw new RouteScanException("cannot read the properties file " + properties + ": " + e.getMessage(), e);
            }
            return analyse(model, flow, sources, files);
        } finally {
            try {
                context.close();
            } catch (IOException | RuntimeException e) {
                // a context that never started has nothing to release
            }
        }
    }

    private static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && ROUTE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Loads the files as Camel Main does: each file's builders, then (in Camel's order) every builder's route
     * configurations, then their routes (to which Camel applies the configurations that match them), then the routes
     * made from templates.
     */
    private static void load(DefaultCamelContext context, List<Path> files, Map<Object, String> sources)
            throws RouteScanException {
        Map<RoutesBuilder, String> builders = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                Resource resource = ResourceHelper.resolveResource(context, "file:" + file);
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resource)) {
                    builders.put(builder, file.toString());
                }
            } catch (Exception e) {
                throw new RouteScanException("cannot load the routes of " + file + ": " + message(e), e);
            }
        }
        List<RoutesBuilder> ordered = new ArrayList<>(builders.keySet());
        ordered.sort(OrderedComparator.get());
        for (int phase = 0; phase < 3; phase++) {
            for (RoutesBuilder builder : ordered) {
                String file = builders.get(builder);
                List<Object> before = definitions(context);
                try {
                    if (phase == 0 && builder instanceof RouteConfigurationsBuilder configurations) {
                        context.addRoutesConfigurations(configurations);
                    } else if (phase == 1) {
                        context.addRoutes(builder);
                    } else if (phase == 2) {
                        context.addTemplatedRoutes(builder);
                    }
                } catch (Exception e) {
                    throw new RouteScanException("cannot load the routes of " + file + ": " + message(e), e);
                }
                for (Object definition : definitions(context)) {
                    if (before.stream().noneMatch(old -> old == definition)) {
                        sources.put(definition, file);
                    }
                }
            }
        }
    }

    private static List<Object> definitions(ModelCamelContext context) {
        List<Object> all = new ArrayList<>(context.getRouteDefinitions());
        all.addAll(context.getRouteConfigurationDefinitions());
        all.addAll(context.getRouteTemplateDefinitions());
        all.addAll(context.getRestDefinitions());
        return all;
    }

    private static Map<String, String> componentDefaults(PropertiesComponent placeholders) {
        Map<String, String> defaults = new TreeMap<>();
        for (String option : DEFAULTED_OPTIONS) {
            String kebab = option.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Optional<String> value = placeholders.resolveProperty("camel.component.trays3." + option)
                    .or(() -> placeholders.resolveProperty("camel.component.trays3." + kebab));
            value.filter(v -> !v.isBlank()).ifPresent(v -> defaults.put(option, v.trim()));
        }
        return defaults;
    }

    private ScanResult analyse(ModelCamelContext model, RouteFlow flow, Map<Object, String> sources, List<Path> files)
            throws RouteScanException {
        List<RouteDefinition> routes = new ArrayList<>(model.getRouteDefinitions());
        Map<RouteDefinition, String> ids = routeIds(routes);
        List<String> warnings = new ArrayList<>();

        // routes called through direct:, seda:, ... start from what their callers send: repeat until that is stable
        Map<String, FlowState> calls = new TreeMap<>();
        List<RouteFlow.Recorder> recorders = new ArrayList<>();
        boolean stable = false;
        flow.routeTemplates(model.getRouteTemplateDefinitions().stream().map(RouteTemplateDefinition::getId)
                                    .filter(Objects::nonNull).collect(Collectors.toSet()));
        for (int round = 0; round < MAX_ROUNDS && !stable; round++) {
            recorders.clear();
            Map<String, FlowState> next = new TreeMap<>();
            for (RouteDefinition route : routes) {
                String source = sourceOf(route, sources);
                RouteFlow.Recorder rec = new RouteFlow.Recorder(ids.get(route), source);
                try {
                    flow.route(route, calls, rec);
                } catch (RuntimeException e) {
                    throw new RouteScanException("cannot analyse route '" + ids.get(route) + "' of " + source + ": "
                                                 + message(e), e);
                }
                recorders.add(rec);
                rec.calls.forEach((endpoint, state) -> next.merge(endpoint, state, FlowState::join));
            }
            stable = next.equals(calls);
            calls = next;
        }
        if (!stable) {
            warnings.add("the calls between routes (direct:, seda:, ...) did not settle after " + MAX_ROUNDS
                         + " rounds; headers passed between routes may be missed");
        }

        recorders.addAll(rests(model, flow, sources));
        Set<String> applied = new LinkedHashSet<>();
        routes.stream().map(RouteDefinition::getAppliedRouteConfigurationIds).filter(Objects::nonNull).forEach(applied::addAll);
        for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
            String id = configuration.getId() == null ? "<default>" : configuration.getId();
            boolean forRests = !model.getRestDefinitions().isEmpty() && (configuration.getId() == null
                                                                        || "*".equals(configuration.getId()));
            if (!applied.contains(id) && !forRests) {
                warnings.add("route configuration '" + id + "' (" + sourceOf(configuration, sources) + "): no route read"
                             + " uses it (Camel applies a configuration with an id only to the routes whose"
                             + " routeConfigurationId names it), so what its blocks do is not in the policy");
            }
        }
        for (RouteTemplateDefinition template : model.getRouteTemplateDefinitions()) {
            if (template.getRoute() != null && String.valueOf(template.getRoute()).contains(RouteFlow.TRAYS3 + ":")) {
                warnings.add("route template '" + template.getId() + "' (" + sourceOf(template, sources)
                             + "): the routes made from it by a templatedRoute of the files read are analysed; routes"
                             + " made from it elsewhere (Java code, kamelet: endpoints) are not, nor are their trays3"
                             + " endpoints in the policy");
            }
        }

        Set<EndpointUse> uses = new LinkedHashSet<>();
        Set<Aws2S3Use> aws2S3Uses = new LinkedHashSet<>();
        Set<String> allWarnings = new LinkedHashSet<>();
        for (RouteFlow.Recorder rec : recorders) {
            uses.addAll(rec.uses);
            aws2S3Uses.addAll(rec.aws2S3Uses);
            allWarnings.addAll(rec.warnings);
        }
        allWarnings.addAll(warnings);
        return new ScanResult(files.stream().map(Path::toString).toList(), List.copyOf(uses), List.copyOf(aws2S3Uses),
                              List.copyOf(allWarnings));
    }

    /**
     * REST verbs with an inline {@code to}: Camel makes a route of each when it starts, to which the global route
     * configurations (those without an id) apply.
     */
    private List<RouteFlow.Recorder> rests(ModelCamelContext model, RouteFlow flow, Map<Object, String> sources)
            throws RouteScanException {
        List<RouteConfigurationDefinition> global = model.getRouteConfigurationDefinitions().stream()
                .filter(c -> c.getId() == null || "*".equals(c.getId())).toList();
        List<RouteFlow.Recorder> recorders = new ArrayList<>();
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getTo() == null) {
                    continue;
                }
                String path = (rest.getPath() == null ? "" : rest.getPath()) + (verb.getPath() == null ? "" : verb.getPath());
                String id = verb.getRouteId() != null ? verb.getRouteId() : "rest " + path;
                RouteFlow.Recorder rec = new RouteFlow.Recorder(id, sourceOf(rest, sources));
                rec.fromUri = "rest:" + verb.getShortName() + ":" + path;
                try {
                    FlowState entry = FlowState.EMPTY.withUnknownBody("the request body");
                    for (RouteConfigurationDefinition configuration : global) {
                        entry = flow.configure(configuration, entry, rec);
                    }
                    flow.block(List.of(verb.getTo()), entry, rec);
                    flow.handlers(rec, rec.seen);
                    for (RouteConfigurationDefinition configuration : global) {
                        if (configuration.getErrorHandler() != null) {
                            flow.errorHandler(configuration.getErrorHandler().getErrorHandlerType(), rec.seen, rec);
                        }
                    }
                } catch (RuntimeException e) {
                    throw new RouteScanException("cannot analyse " + id + " of " + rec.source + ": " + message(e), e);
                }
                recorders.add(rec);
            }
        }
        return recorders;
    }

    /** Route ids as Camel would give them: the route's own, else route1, route2, ... in load order. */
    private static Map<RouteDefinition, String> routeIds(List<RouteDefinition> routes) {
        Map<RouteDefinition, String> ids = new IdentityHashMap<>();
        Set<String> taken = new LinkedHashSet<>();
        for (RouteDefinition route : routes) {
            if (route.getRouteId() != null) {
                taken.add(route.getRouteId());
            }
        }
        int next = 1;
        for (RouteDefinition route : routes) {
            String id = route.getRouteId();
            if (id == null) {
                do {
                    id = "route" + next++;
                } while (taken.contains(id));
            }
            ids.put(route, id);
        }
        return ids;
    }

    private static String sourceOf(Object definition, Map<Object, String> sources) {
        String source = sources.get(definition);
        if (source != null) {
            return source;
        }
        Resource resource = definition instanceof RouteDefinition route ? route.getResource()
                : definition instanceof RouteConfigurationDefinition configuration ? configuration.getResource()
                : definition instanceof RouteTemplateDefinition template ? template.getResource() : null;
        return resource == null ? "?" : resource.getLocation();
    }

    /** The messages of the exception and its causes (their class names where they have none), without repeats. */
    private static String message(Throwable e) {
        StringBuilder message = new StringBuilder();
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable cause = e; cause != null && seen.add(cause); cause = cause.getCause()) {
            String text = cause.getMessage() == null ? null : cause.getMessage().strip();
            if (text == null && cause.getCause() == null) {
                text = cause.getClass().getName();
            }
            if (text != null && !text.isEmpty() && !message.toString().contains(text)) {
                message.append(message.length() == 0 ? "" : ": ").append(text);
            }
        }
        return message.length() == 0 ? e.getClass().getName() : message.toString();
    }
}
