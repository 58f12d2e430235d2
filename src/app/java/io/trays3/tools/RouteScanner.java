package io.trays3.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.trays3.operation.Input;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.DefaultRoutesCollector;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesBuilderLoader;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.OrderedComparator;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Finds every trays3 endpoint the routes use: loads YAML and XML route files with Camel's own loaders into a
 * CamelContext that is never started (nothing runs, no endpoint is created), resolves property placeholders from a
 * properties file, and walks each route's model (see {@link RouteFlow} for how buckets and keys set in headers are
 * followed). Also lists the camel-aws2-s3 endpoints, which trays3's tools do not cover.
 *
 * <p>Without route files or folders it reads what Camel Main would: the files {@code camel.main.routes-include-pattern}
 * names in the properties (less those {@code camel.main.routes-exclude-pattern} names), found by Camel Main's own
 * resolver, in Camel Main's order. Folders are read with their sub-folders, for {@code .yaml}, {@code .yml} and
 * {@code .xml} files.
 */
public final class RouteScanner {

    /** The application's properties, relative to the working folder. */
    public static final Path DEFAULT_PROPERTIES = Path.of("application.properties");
    /** The Camel Main option that names the route files the application loads. */
    public static final String INCLUDE_PATTERN = "camel.main.routes-include-pattern";
    /** The Camel Main option that names route files the include pattern finds that the application leaves out. */
    public static final String EXCLUDE_PATTERN = "camel.main.routes-exclude-pattern";

    private static final Set<String> ROUTE_EXTENSIONS = Set.of("yaml", "yml", "xml");
    /** What marks a pattern whose files Camel Main may skip (missing, or no loader for them). */
    private static final String OPTIONAL = "?optional=true";
    /** The Camel Main options that name Java routes: the tools do not read those. */
    private static final List<String> JAVA_ROUTES = List.of("java-routes-include-pattern", "routes-builder-classes",
                                                            "base-package-scan");
    /** The trays3 options whose component defaults ({@code camel.component.trays3.*}) matter to the policy. */
    private static final List<String> DEFAULTED_OPTIONS = Arrays.stream(Trays3Operation.values())
            .flatMap(operation -> operation.spec().inputs().stream())
            .filter(input -> input.hasOption() && input.iam() != Input.IamUse.NONE).map(Input::option).distinct().toList();
    private static final int MAX_ROUNDS = 20;

    private final List<Path> locations;
    private final Path properties;
    private final boolean propertiesRequired;

    /** One route file to load: Camel's resource, the name warnings give it, whether an optional pattern found it. */
    private record RouteFile(Resource resource, String name, boolean optional) {
    }

    /**
     * @param locations          route files and folders (a folder's .yaml, .yml and .xml files, sub-folders included);
     *                           none: the files the properties' {@value #INCLUDE_PATTERN} names, as Camel Main loads
     *                           them
     * @param properties         the properties file for placeholders, trays3 component defaults and Camel Main's route
     *                           patterns
     * @param propertiesRequired false: a missing properties file is fine (placeholders then fail on use)
     */
    public RouteScanner(List<Path> locations, Path properties, boolean propertiesRequired) {
        this.locations = List.copyOf(locations);
        this.properties = properties;
        this.propertiesRequired = propertiesRequired;
    }

    /** The application's own routes and properties, relative to the working folder, as Camel Main loads them. */
    public static RouteScanner defaults() {
        return new RouteScanner(List.of(), DEFAULT_PROPERTIES, false);
    }

    /** Loads the routes (never starting them) and returns every trays3 and aws2-s3 endpoint use. */
    public ScanResult scan() throws RouteScanException {
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
            List<String> notes = new ArrayList<>();
            String read;
            List<RouteFile> files;
            if (locations.isEmpty()) {
                Patterns patterns = patterns(placeholders, notes);
                read = patterns.describe();
                files = patterns.files(context);
            } else {
                read = locations.toString();
                files = locationFiles(context);
            }
            ModelCamelContext model = context;
            Map<Object, String> sources = new IdentityHashMap<>();
            load(context, files, sources, notes);
            RouteFlow flow;
            try {
                flow = new RouteFlow(context, componentDefaults(placeholders));
            } catch (RuntimeException e) {
                throw new RouteScanException("cannot read the properties file " + properties + ": " + e.getMessage(), e);
            }
            return analyse(model, flow, sources, files.stream().map(RouteFile::name).toList(), read, notes);
        } finally {
            try {
                context.close();
            } catch (IOException | RuntimeException e) {
                // a context that never started has nothing to release
            }
        }
    }

    /** The files and folders named: a folder's route files, sub-folders included, sorted by path. */
    private List<RouteFile> locationFiles(DefaultCamelContext context) throws RouteScanException {
        Set<Path> files = new LinkedHashSet<>();
        for (Path location : locations) {
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    walk.filter(Files::isRegularFile).filter(RouteScanner::isRouteFile).sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new RouteScanException("cannot read the folder " + location + ": " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(location)) {
                if (!isRouteFile(location)) {
                    throw new RouteScanException("cannot read " + location + ": not a route file (.yaml, .yml or .xml)");
                }
                files.add(location);
            } else {
                throw new RouteScanException("cannot read " + location + ": no such file or folder (in "
                                             + Path.of("").toAbsolutePath() + ")");
            }
        }
        List<RouteFile> routeFiles = new ArrayList<>();
        for (Path file : files) {
            routeFiles.add(new RouteFile(ResourceHelper.resolveResource(context, "file:" + file), file.toString(), false));
        }
        return routeFiles;
    }

    /** Camel Main's route patterns, as the properties (or -D and environment overrides) give them. */
    private record Patterns(String include, boolean defaulted, String exclude, boolean disabled) {

        String describe() {
            return "the route files of " + INCLUDE_PATTERN + " = " + include + (defaulted ? " (Camel Main's default)" : "")
                   + (exclude == null ? "" : ", " + EXCLUDE_PATTERN + " = " + exclude);
        }

        /**
         * The files Camel Main loads: those of the optional patterns ({@code ?optional=true}) first, then the others,
         * each found by Camel Main's own resolver (which applies the exclude pattern), in the order its loader takes
         * them (grouped by extension).
         */
        List<RouteFile> files(DefaultCamelContext context) throws RouteScanException {
            if (disabled) {
                return List.of();
            }
            List<String> optional = new ArrayList<>();
            List<String> mandatory = new ArrayList<>();
            for (String part : include.split(",")) {
                String pattern = part.trim();
                if (pattern.endsWith(OPTIONAL)) {
                    optional.add(pattern.substring(0, pattern.length() - OPTIONAL.length()));
                } else if (!pattern.isEmpty()) {
                    mandatory.add(pattern);
                }
            }
            List<RouteFile> files = new ArrayList<>();
            try {
                DefaultRoutesCollector collector = new DefaultRoutesCollector();
                for (List<String> group : List.of(optional, mandatory)) {
                    if (group.isEmpty() || "false".equals(include)) {
                        continue;
                    }
                    Map<String, List<RouteFile>> byExtension = new LinkedHashMap<>();
                    for (Resource resource : collector.findRouteResourcesFromDirectory(context, exclude,
                                                                                      String.join(",", group))) {
                        String location = resource.getLocation();
                        String name = location.startsWith("file:") ? location.substring("file:".length()) : location;
                        byExtension.computeIfAbsent(extension(name), e -> new ArrayList<>())
                                .add(new RouteFile(resource, name, group == optional));
                    }
                    byExtension.values().forEach(files::addAll);
                }
            } catch (RuntimeException e) {
                throw new RouteScanException("cannot find the route files of " + describe() + ": " + message(e), e);
            }
            return files;
        }
    }

    private Patterns patterns(PropertiesComponent placeholders, List<String> notes) throws RouteScanException {
        try {
            Optional<String> configured = mainOption(placeholders, "routes-include-pattern");
            String include = configured.orElseGet(() -> new MainConfigurationProperties().getRoutesIncludePattern());
            String exclude = mainOption(placeholders, "routes-exclude-pattern").orElse(null);
            boolean disabled = mainOption(placeholders, "routes-collector-enabled").filter("false"::equalsIgnoreCase)
                    .isPresent();
            if (disabled) {
                notes.add(properties + ": camel.main.routes-collector-enabled is false: Camel Main loads no route files");
            }
            for (String option : JAVA_ROUTES) {
                mainOption(placeholders, option).ifPresent(value -> notes.add(
                        properties + ": camel.main." + option + " = " + value + " names Java routes, which the tools do not"
                        + " read: their trays3 endpoints are not in the policy"));
            }
            return new Patterns(include, configured.isEmpty(), exclude, disabled);
        } catch (RuntimeException e) {
            throw new RouteScanException("cannot read the properties file " + properties + ": " + message(e), e);
        }
    }

    /** A {@code camel.main.*} option, written kebab-case or camelCase; blank counts as not set. */
    private static Optional<String> mainOption(PropertiesComponent placeholders, String kebab) {
        String camel = Pattern.compile("-([a-z])").matcher(kebab).replaceAll(m -> m.group(1).toUpperCase(Locale.ROOT));
        return placeholders.resolveProperty("camel.main." + kebab).or(() -> placeholders.resolveProperty("camel.main." + camel))
                .map(String::trim).filter(value -> !value.isEmpty());
    }

    private static boolean isRouteFile(Path file) {
        return ROUTE_EXTENSIONS.contains(extension(file.getFileName().toString()));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Loads the files as Camel Main does: each file's builders, then (in Camel's order) every builder's route
     * configurations, then their routes (to which Camel applies the configurations that match them), then the routes
     * made from templates.
     */
    private void load(DefaultCamelContext context, List<RouteFile> files, Map<Object, String> sources, List<String> notes)
            throws RouteScanException {
        Map<RoutesBuilder, String> builders = new LinkedHashMap<>();
        for (RouteFile file : files) {
            try {
                for (RoutesBuilder builder : builders(context, file, notes)) {
                    builders.put(builder, file.name());
                }
            } catch (Exception e) {
                String message = message(e);
                throw new RouteScanException("cannot load the routes of " + file.name() + ": " + message
                                             + (message.contains("Cannot find RoutesBuilderLoader")
                                                ? " (the application cannot load it either)" : ""), e);
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

    /**
     * One file's builders, from Camel's loader for its extension. Camel has no loader for {@code .yml}: such a file is
     * read as YAML, and a note says the application cannot load it. Camel Main skips what an optional pattern found
     * that is missing or has no loader.
     */
    private Collection<RoutesBuilder> builders(DefaultCamelContext context, RouteFile file, List<String> notes)
            throws Exception {
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        String extension = extension(file.name());
        if (file.optional() && (!file.resource().exists() || loaderFor(loader, extension) == null)) {
            return List.of();
        }
        if ("yml".equals(extension) && loaderFor(loader, extension) == null && loaderFor(loader, "yaml") != null) {
            notes.add(file.name() + ": read as YAML, but Camel has no route loader for .yml files: the application "
                      + (locations.isEmpty() ? "does not start with this file in " + INCLUDE_PATTERN : "cannot load it")
                      + "; rename it .yaml");
            RoutesBuilderLoader yaml = loaderFor(loader, "yaml");
            yaml.preParseRoute(file.resource());
            return List.of(yaml.loadRoutesBuilder(file.resource()));
        }
        return loader.findRoutesBuilders(file.resource());
    }

    private static RoutesBuilderLoader loaderFor(RoutesLoader loader, String extension) {
        try {
            return loader.getRoutesLoader(extension);
        } catch (Exception e) {
            return null;
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

    private ScanResult analyse(ModelCamelContext model, RouteFlow flow, Map<Object, String> sources, List<String> files,
                               String read, List<String> notes) throws RouteScanException {
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
        Set<Widening> widenings = new LinkedHashSet<>();
        Set<String> allWarnings = new LinkedHashSet<>(notes);
        for (RouteFlow.Recorder rec : recorders) {
            uses.addAll(rec.uses);
            aws2S3Uses.addAll(rec.aws2S3Uses);
            allWarnings.addAll(rec.warnings);
            widenings.addAll(rec.widenings);
        }
        allWarnings.addAll(warnings);
        return new ScanResult(read, files, List.copyOf(uses), List.copyOf(aws2S3Uses), List.copyOf(allWarnings),
                              List.copyOf(widenings));
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
