package io.trays3.tools;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.trays3.SecretMasking;
import io.trays3.Trays3Constants;
import io.trays3.operation.IamCall;
import io.trays3.operation.IamGrant;
import io.trays3.operation.Input;
import io.trays3.operation.InputPlace;
import io.trays3.operation.OperationSpec.Trait;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.AdviceWithDefinition;
import org.apache.camel.model.AggregateDefinition;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.ClaimCheckDefinition;
import org.apache.camel.model.ConvertBodyDefinition;
import org.apache.camel.model.ConvertHeaderDefinition;
import org.apache.camel.model.ConvertVariableDefinition;
import org.apache.camel.model.DelayDefinition;
import org.apache.camel.model.DynamicRouterDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.ExpressionSubElementDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.FinallyDefinition;
import org.apache.camel.model.IdempotentConsumerDefinition;
import org.apache.camel.model.InterceptDefinition;
import org.apache.camel.model.InterceptFromDefinition;
import org.apache.camel.model.InterceptSendToEndpointDefinition;
import org.apache.camel.model.KameletDefinition;
import org.apache.camel.model.LoadBalanceDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.LoopDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.OnCompletionDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.OnFallbackDefinition;
import org.apache.camel.model.OutputDefinition;
import org.apache.camel.model.PausableDefinition;
import org.apache.camel.model.PipelineDefinition;
import org.apache.camel.model.PolicyDefinition;
import org.apache.camel.model.PollDefinition;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.PropertyExpressionDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.RemovePropertiesDefinition;
import org.apache.camel.model.RemovePropertyDefinition;
import org.apache.camel.model.RemoveVariableDefinition;
import org.apache.camel.model.ResequenceDefinition;
import org.apache.camel.model.ResumableDefinition;
import org.apache.camel.model.RollbackDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SagaActionUriDefinition;
import org.apache.camel.model.SagaDefinition;
import org.apache.camel.model.SamplingDefinition;
import org.apache.camel.model.ScriptDefinition;
import org.apache.camel.model.SetBodyDefinition;
import org.apache.camel.model.SetExchangePatternDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.SetHeadersDefinition;
import org.apache.camel.model.SetPropertyDefinition;
import org.apache.camel.model.SetVariableDefinition;
import org.apache.camel.model.SetVariablesDefinition;
import org.apache.camel.model.SortDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.StepDefinition;
import org.apache.camel.model.StopDefinition;
import org.apache.camel.model.ThreadsDefinition;
import org.apache.camel.model.ThrottleDefinition;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.TokenizerDefinition;
import org.apache.camel.model.TransactedDefinition;
import org.apache.camel.model.TransformDataTypeDefinition;
import org.apache.camel.model.TransformDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.ValidateDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.WireTapDefinition;
import org.apache.camel.model.cloud.ServiceCallDefinition;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.apache.camel.model.errorhandler.RefErrorHandlerDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.support.PatternHelper;
import org.apache.camel.util.URISupport;

/**
 * Walks one route's model, step by step, keeping track of what the headers trays3 reads may hold at each point (a
 * setHeader with a constant fixes a bucket; a setHeader with a simple expression, a bean or a call to another route
 * makes it unknown; removeHeaders clears it), and records each trays3 call with the buckets, keys and options it may
 * get. Branches join, loops run to a fixed point, and a step it cannot see into (a processor, a bean, an unknown
 * endpoint) is assumed to change every header it tracks, with a reason that names the step: the result may grant more
 * than a route needs, never less than what the analysed steps do.
 *
 * <p>Each kind of step has its walker in one table ({@link #walkers}), one entry per model class of Camel's
 * {@code org.apache.camel.model}; a step of a class the table does not know is assumed to change everything, and when it
 * holds steps or endpoint URIs the analysis cannot follow, a warning names it with its route and file.
 */
final class RouteFlow {

    /** The headers whose values the analysis follows (trays3's inputs and the fallbacks trays3 honours). */
    static final List<String> TRACKED_HEADERS = trackedHeaders();

    static final String TRAYS3 = "trays3";
    /** Why the version header may be set after getObject: it holds the version read. */
    static final String READ_VERSION = "header " + Trays3Constants.VERSION_ID + " is set by getObject (the version it read)";
    /** The same once the route removed the property that keeps deleteObject and putObjectAcl off that version. */
    static final String READ_VERSION_UNMARKED = READ_VERSION + ", and the route removes property "
                                                + Trays3Constants.READ_VERSION_ID;
    static final String AWS2_S3 = "aws2-s3";
    static final String KAMELET = "kamelet";

    /** Endpoints that leave the headers and the body as they are. */
    private static final Set<String> INERT_SCHEMES = Set.of("log", "mock", "stub", "browse", "dataset", "file", "dataset-test");
    /** Endpoints that hand the exchange to another route of the same application. */
    private static final Set<String> CALL_SCHEMES = Set.of("direct", "seda", "vm", "direct-vm", "disruptor", "disruptor-vm");
    /**
     * Camel's own aggregation strategies: the result is one of the exchanges they aggregate (or the original), with its
     * headers, so it holds nothing the walk of the branches did not see.
     */
    private static final Set<String> CAMEL_STRATEGIES = Set.of("GroupedBodyAggregationStrategy",
            "GroupedExchangeAggregationStrategy", "GroupedMessageAggregationStrategy", "UseLatestAggregationStrategy",
            "UseOriginalAggregationStrategy", "StringAggregationStrategy").stream()
            .map(name -> "org.apache.camel.processor.aggregate." + name).collect(Collectors.toSet());
    /** Getters of a model class the walker does not know that may hold an endpoint URI. */
    private static final Pattern URI_GETTER = Pattern.compile("get(.*Uri|.*Url|Endpoint|Compensation|Completion)");
    private static final int MAX_ROUNDS = 20;
    private static final Pattern HEADER_REFERENCE =
            Pattern.compile("\\$\\{(?:in\\.)?headers?(?:\\.|:|\\[)([A-Za-z0-9_.\\-]+)]?}");

    private final CamelContext context;
    private final Map<String, String> componentDefaults;
    /** How each kind of step is walked, by its exact model class. */
    private final Map<Class<?>, StepWalker> walkers = new HashMap<>();
    /** The ids of the route templates among the files read (what a kamelet: endpoint may name). */
    private final Set<String> routeTemplates = new TreeSet<>();

    /** How one kind of step changes the state. */
    @FunctionalInterface
    private interface StepWalker {
        FlowState walk(ProcessorDefinition<?> step, FlowState in, Recorder rec);
    }

    /** The same for a known model class. */
    @FunctionalInterface
    private interface Walker<T> {
        FlowState walk(T step, FlowState in, Recorder rec);
    }

    /**
     * @param context           the (never started) context the routes were loaded into, for property placeholders
     * @param componentDefaults the trays3 component's defaults from the properties ({@code camel.component.trays3.*}),
     *                          by option name
     */
    RouteFlow(CamelContext context, Map<String, String> componentDefaults) {
        this.context = context;
        this.componentDefaults = componentDefaults;
        registerWalkers();
    }

    /** The route templates loaded with the routes: a kamelet: endpoint naming one is a template's route. */
    void routeTemplates(Set<String> ids) {
        routeTemplates.addAll(ids);
    }

    /** Whether the walker knows that model class (else it assumes the step changes everything, and may warn). */
    boolean knows(Class<?> type) {
        return walkers.containsKey(type);
    }

    private <T> void on(Class<T> type, Walker<T> walker) {
        walkers.put(type, (step, in, rec) -> walker.walk(type.cast(step), in, rec));
    }

    private void on(StepWalker walker, Class<?>... types) {
        for (Class<?> type : types) {
            walkers.put(type, walker);
        }
    }

    /** The table: every class of {@code org.apache.camel.model} that can be a step (RouteFlowTest checks it). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private void registerWalkers() {
        // steps that leave the tracked headers and the body alone
        on((step, in, rec) -> in, LogDefinition.class, DelayDefinition.class, ThrottleDefinition.class, StopDefinition.class,
           ThrowExceptionDefinition.class, RollbackDefinition.class, ValidateDefinition.class,
           SetExchangePatternDefinition.class, SamplingDefinition.class, SetPropertyDefinition.class,
           SetVariableDefinition.class, SetVariablesDefinition.class, RemoveVariableDefinition.class,
           ConvertVariableDefinition.class, ThreadsDefinition.class);
        // steps that change the body and nothing else
        on((step, in, rec) -> in.withUnknownBody("a " + step.getShortName() + " step"), SetBodyDefinition.class,
           TransformDefinition.class, ConvertBodyDefinition.class, TransformDataTypeDefinition.class, SortDefinition.class,
           MarshalDefinition.class);
        // some data formats (zipFile, tarFile) name each entry in CamelFileName
        on(UnmarshalDefinition.class, (step, in, rec) -> in.withUnknownBody("an unmarshal step").withHeader(
                Exchange.FILE_NAME, in.header(Exchange.FILE_NAME).widen("an unmarshal step may set it")));
        // headers and properties
        on(SetHeaderDefinition.class, (step, in, rec) -> setHeader(step.getName(), step.getExpression(), in));
        on(SetHeadersDefinition.class, this::setHeaders);
        on(RemoveHeaderDefinition.class, this::removeHeader);
        on(RemoveHeadersDefinition.class, (step, in, rec) -> removeHeaders(step, in));
        on((step, in, rec) -> forgetReadVersion(step, in), RemovePropertyDefinition.class, RemovePropertiesDefinition.class);
        on(ConvertHeaderDefinition.class, this::convertHeader);
        // blocks, branches and loops
        on((step, in, rec) -> block(step.getOutputs(), in, rec), PipelineDefinition.class, StepDefinition.class,
           TransactedDefinition.class, OutputDefinition.class, AdviceWithDefinition.class, CatchDefinition.class,
           FinallyDefinition.class, WhenDefinition.class);
        on((step, in, rec) -> in.join(block(step.getOutputs(), in, rec)), FilterDefinition.class,
           IdempotentConsumerDefinition.class);
        on((step, in, rec) -> repeat(step.getOutputs(), in, rec), LoopDefinition.class);
        on(ChoiceDefinition.class, this::choice);
        on(TryDefinition.class, this::doTry);
        on(CircuitBreakerDefinition.class, this::circuitBreaker);
        on(SagaDefinition.class, this::saga);
        on(SplitDefinition.class, this::split);
        on(AggregateDefinition.class, this::aggregate);
        on(ResequenceDefinition.class, (step, in, rec) -> repeat(step.getOutputs(), in.withUnknownBody("a resequence step"),
                                                                    rec).withUnknownBody("a resequence step"));
        on(MulticastDefinition.class, this::multicast);
        on(LoadBalanceDefinition.class, (step, in, rec) -> anyOrder(step.getOutputs(), in, rec));
        on(PolicyDefinition.class, this::policy);
        // handlers: they run from other points of the route (the interceptors before the steps and endpoints they match)
        on(OnExceptionDefinition.class, this::onException);
        on(OnCompletionDefinition.class, (step, in, rec) -> handler(step, in, rec));
        on(InterceptDefinition.class, (step, in, rec) -> intercept(step, in, rec));
        on(InterceptFromDefinition.class, this::interceptFrom);
        on(InterceptSendToEndpointDefinition.class, (step, in, rec) -> interceptSendTo(step, in, rec));
        // endpoints
        on(ToDefinition.class, (step, in, rec) -> send(step.getEndpointUri(), false, in, rec, step));
        on(SagaActionUriDefinition.class, (step, in, rec) -> send(step.getEndpointUri(), false, in, rec));
        on(ToDynamicDefinition.class, (step, in, rec) -> send(step.getUri(), true, in, rec, step));
        on((StepWalker) (step, in, rec) -> wireTap((WireTapDefinition<?>) step, in, rec), WireTapDefinition.class);
        on(EnrichDefinition.class, this::enrich);
        on(PollEnrichDefinition.class, this::pollEnrich);
        on(PollDefinition.class, (step, in, rec) -> poll(step.getEndpointUri(), step, in, rec));
        on((StepWalker) (step, in, rec) -> recipientList((RecipientListDefinition<?>) step, in, rec),
           RecipientListDefinition.class);
        on((StepWalker) (step, in, rec) -> routingSlip((RoutingSlipDefinition<?>) step, in, rec), RoutingSlipDefinition.class);
        on((StepWalker) (step, in, rec) -> dynamicRouter((DynamicRouterDefinition<?>) step, in, rec),
           DynamicRouterDefinition.class);
        on(KameletDefinition.class, this::kameletStep);
        on(ServiceCallDefinition.class, this::serviceCall);
        on(ClaimCheckDefinition.class, this::claimCheck);
        // code the analysis cannot see into: any header may change, and the reason names the step
        on((step, in, rec) -> in.changedBy(describe(step)), ProcessDefinition.class, BeanDefinition.class,
           ScriptDefinition.class, TokenizerDefinition.class, ResumableDefinition.class, PausableDefinition.class);
    }

    /** What one walk found. */
    static final class Recorder {
        final String routeId;
        final String source;
        final Set<EndpointUse> uses = new LinkedHashSet<>();
        final Set<Aws2S3Use> aws2S3Uses = new LinkedHashSet<>();
        final Set<String> warnings = new LinkedHashSet<>();
        /** The grants only a step the analysis cannot see into makes necessary, with why. */
        final Set<Widening> widenings = new LinkedHashSet<>();
        /** What the routes called through direct:, seda:, ... may receive, by endpoint. */
        final Map<String, FlowState> calls = new TreeMap<>();
        /** onException and onCompletion blocks: they run from any point of the route. */
        final List<ProcessorDefinition<?>> handlers = new ArrayList<>();
        /** intercept blocks: they run before every step of the route. */
        final List<InterceptDefinition> intercepts;
        /** interceptSendToEndpoint blocks: they run before the endpoints they match. */
        final List<InterceptSendToEndpointDefinition> interceptSendTos;
        /** The interceptSendToEndpoint blocks being walked: they do not intercept themselves. */
        final Set<InterceptSendToEndpointDefinition> activeInterceptors;
        /** The route's from endpoint (resolved), or null. */
        String fromUri;
        /** Whether other routes call this one (direct:, seda:, ...): the exchange comes from them. */
        boolean called;
        /** Whether an intercept block is being walked (it does not intercept its own steps). */
        boolean intercepting;
        /** What a claimCheck Set or Push stored (joined), or null. */
        FlowState claimed;
        /** Every state met, joined. */
        FlowState seen;

        Recorder(String routeId, String source) {
            this(routeId, source, new ArrayList<>(), new ArrayList<>(), new LinkedHashSet<>());
        }

        private Recorder(String routeId, String source, List<InterceptDefinition> intercepts,
                         List<InterceptSendToEndpointDefinition> interceptSendTos,
                         Set<InterceptSendToEndpointDefinition> activeInterceptors) {
            this.routeId = routeId;
            this.source = source;
            this.intercepts = intercepts;
            this.interceptSendTos = interceptSendTos;
            this.activeInterceptors = activeInterceptors;
        }

        /** A recorder for one pass over a block: it sees only that pass's states, and shares the route's interceptors. */
        Recorder scratch() {
            Recorder scratch = new Recorder(routeId, source, intercepts, interceptSendTos, activeInterceptors);
            scratch.fromUri = fromUri;
            scratch.called = called;
            scratch.intercepting = intercepting;
            scratch.claimed = claimed;
            return scratch;
        }

        void absorb(Recorder other) {
            uses.addAll(other.uses);
            aws2S3Uses.addAll(other.aws2S3Uses);
            warnings.addAll(other.warnings);
            widenings.addAll(other.widenings);
            other.calls.forEach(this::call);
            handlers.addAll(other.handlers);
            if (other.claimed != null) {
                claimed = other.claimed.join(claimed);
            }
            if (other.seen != null) {
                see(other.seen);
            }
        }

        void see(FlowState state) {
            seen = seen == null ? state : seen.join(state);
        }

        void call(String endpoint, FlowState state) {
            calls.merge(endpoint, state, FlowState::join);
        }

        void warn(String message) {
            warnings.add("route '" + routeId + "' (" + source + "): " + message);
        }
    }

    /**
     * Walks one route: the state its from endpoint gives, its steps, then its onException and onCompletion blocks and
     * its error handler from any state the route may be in.
     *
     * @param calls what the routes calling this one through direct:, seda:, ... send it (so far)
     */
    void route(RouteDefinition route, Map<String, FlowState> calls, Recorder rec) {
        PropertiesComponent placeholders = context.getPropertiesComponent();
        Properties templateParameters = templateParameters(route);
        // a route made from a template resolves the template's parameters as placeholders, as Camel does
        placeholders.setLocalProperties(templateParameters);
        try {
            String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
            FlowState entry = entry(from, calls, rec);
            rec.fromUri = from == null ? null : resolve(from);
            rec.called = rec.fromUri != null && CALL_SCHEMES.contains(scheme(rec.fromUri));
            if (route.getRoutePolicyRef() != null) {
                entry = entry.changedBy("the route policy (ref=" + route.getRoutePolicyRef() + ")");
            }
            block(route.getOutputs(), entry, rec);
            handlers(rec, rec.seen);
            errorHandlers(route, rec);
        } finally {
            placeholders.setLocalProperties(null);
        }
    }

    private static Properties templateParameters(RouteDefinition route) {
        if (route.getTemplateParameters() == null && route.getTemplateDefaultParameters() == null) {
            return null;
        }
        Properties parameters = new Properties();
        for (Map<String, Object> values : Arrays.asList(route.getTemplateDefaultParameters(), route.getTemplateParameters())) {
            if (values != null) {
                values.forEach((name, value) -> parameters.setProperty(name, String.valueOf(value)));
            }
        }
        return parameters;
    }

    /**
     * A route configuration applied to a route Camel makes when it starts (a REST verb's): its handlers and
     * interceptors join the route's; its interceptFrom blocks run at the start.
     */
    FlowState configure(RouteConfigurationDefinition configuration, FlowState entry, Recorder rec) {
        rec.handlers.addAll(configuration.getOnExceptions());
        rec.handlers.addAll(configuration.getOnCompletions());
        rec.intercepts.addAll(configuration.getIntercepts());
        rec.interceptSendTos.addAll(configuration.getInterceptSendTos());
        FlowState state = entry;
        for (InterceptFromDefinition intercept : configuration.getInterceptFroms()) {
            state = interceptFrom(intercept, state, rec);
        }
        return state;
    }

    /** Walks the steps in order from {@code in}; returns the state after the last one. */
    FlowState block(List<ProcessorDefinition<?>> steps, FlowState in, Recorder rec) {
        FlowState state = in;
        rec.see(state);
        if (steps != null) {
            for (ProcessorDefinition<?> step : steps) {
                state = intercepted(state, rec);
                state = step(step, state, rec);
                rec.see(state);
            }
        }
        return state;
    }

    /** Before each step the route's intercept blocks may run (their onWhen may skip them). */
    private FlowState intercepted(FlowState in, Recorder rec) {
        if (rec.intercepting || rec.intercepts.isEmpty()) {
            return in;
        }
        rec.intercepting = true;
        try {
            FlowState state = in;
            for (InterceptDefinition intercept : List.copyOf(rec.intercepts)) {
                state = state.join(block(intercept.getOutputs(), state, rec));
            }
            return state;
        } finally {
            rec.intercepting = false;
        }
    }

    /** Walks the handlers found so far (and those found inside them) from every state the route may be in. */
    void handlers(Recorder rec, FlowState entry) {
        Set<ProcessorDefinition<?>> done = new LinkedHashSet<>();
        while (!done.containsAll(rec.handlers)) {
            for (ProcessorDefinition<?> handler : new ArrayList<>(rec.handlers)) {
                if (done.add(handler)) {
                    FlowState body = entry.withUnknownBody("the body when a handler runs");
                    FlowState start = handler instanceof OnExceptionDefinition onException
                            ? onExceptionEntry(onException, body) : body;
                    FlowState out = repeat(handler.getOutputs(), start, rec);
                    if (handler instanceof OnExceptionDefinition onException && continues(onException)
                        && TRACKED_HEADERS.stream().anyMatch(h -> !out.header(h).equals(start.header(h)))) {
                        rec.warn("an onException block with 'continued' sets trays3 headers and then lets the route go on"
                                 + " from the failed step; what the steps after it get from those headers is not"
                                 + " followed");
                    }
                }
            }
        }
    }

    /** The state a route starts in, from its {@code from} endpoint. */
    FlowState entry(String fromUri, Map<String, FlowState> calls, Recorder rec) {
        if (fromUri == null) {
            return FlowState.EMPTY.withUnknownBody("the body the route receives");
        }
        String uri = resolve(fromUri);
        String scheme = scheme(uri);
        switch (scheme) {
            case "timer", "scheduler", "quartz", "cron":
                return FlowState.EMPTY;
            case "file", "ftp", "ftps", "sftp":
                return FlowState.EMPTY.withHeader(Exchange.FILE_NAME, Possible.unknown("the file the consumer picked up"));
            case AWS2_S3:
                String bucket = aws2S3Bucket(uri);
                rec.aws2S3Uses.add(new Aws2S3Use(rec.routeId, rec.source, bucket, true, null));
                return FlowState.EMPTY
                        .withHeader(Trays3Constants.AWS2_S3_BUCKET, Possible.literal(bucket))
                        .withHeader(Trays3Constants.AWS2_S3_KEY, Possible.unknown("the object the aws2-s3 consumer picked up"))
                        .withUnknownBody("the body the aws2-s3 consumer delivers");
            case TRAYS3:
                return consumer(uri, rec);
            default:
                // a route called by the scanned routes starts with what they send it; callers outside them (Java code,
                // other applications) are assumed to set no trays3 header
                FlowState callers = CALL_SCHEMES.contains(scheme) ? calls.get(callKey(uri)) : null;
                return (callers == null ? FlowState.EMPTY : callers).withUnknownBody("the body the route receives");
        }
    }

    /**
     * A route that starts from a trays3 consumer: records what the consumer needs, and starts with the headers it sets on
     * each exchange (its own value where it reads the same input, the bucket; else one only known at run time, the key).
     */
    private FlowState consumer(String uri, Recorder rec) {
        String path = path(uri);
        Trays3Operation operation;
        try {
            operation = Trays3Operation.fromUri(path);
        } catch (IllegalArgumentException e) {
            rec.warn(e.getMessage() + " (the route would not start; it is not in the policy)");
            return FlowState.EMPTY.withUnknownBody("the body the route receives");
        }
        if (!operation.has(Trait.CONSUMES)) {
            rec.warn("'from: trays3:" + operation + "': trays3:" + operation + " only sends, this route cannot start");
            return FlowState.EMPTY;
        }
        StaticInputs inputs = new StaticInputs(operation, options(uri, rec), false, componentDefaults);
        rec.uses.addAll(inputs.uses(rec.routeId, rec.source, FlowState.EMPTY));
        FlowState state = FlowState.EMPTY.withUnknownBody("the body the trays3:" + operation + " consumer delivers");
        for (Input<?> input : operation.spec().sets()) {
            Possible value = operation.spec().reads(input) ? inputs.input(input, FlowState.EMPTY).withoutAbsent()
                    : Possible.unknown("the object the trays3:" + operation + " consumer picked up");
            state = state.withHeader(input.header(), value);
        }
        return state;
    }

    private FlowState step(ProcessorDefinition<?> p, FlowState in, Recorder rec) {
        if ("true".equalsIgnoreCase(resolveOrNull(p.getDisabled()))) {
            return in;
        }
        StepWalker walker = walkers.get(p.getClass());
        return walker == null ? unknownStep(p, in, rec) : walker.walk(p, in, rec);
    }

    /**
     * A step of a model class the table does not know: it may change anything; the steps and endpoint URIs it holds are
     * walked from that state in any order, and a warning says that the step itself was not followed.
     */
    private FlowState unknownStep(ProcessorDefinition<?> p, FlowState in, Recorder rec) {
        FlowState widened = in.changedBy(describe(p));
        List<String> holds = new ArrayList<>();
        List<ProcessorDefinition<?>> outputs = p.getOutputs();
        if (outputs != null && !outputs.isEmpty()) {
            holds.add(outputs.size() + " step(s)");
        }
        List<String> uris = new ArrayList<>();
        for (Method getter : p.getClass().getMethods()) {
            if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
                && URI_GETTER.matcher(getter.getName()).matches() && !getter.getName().equals("getUriDelimiter")) {
                Object value = invoke(getter, p);
                String uri = value instanceof String text ? text : value instanceof ToDefinition to ? to.getEndpointUri()
                        : value instanceof SagaActionUriDefinition action ? action.getEndpointUri() : null;
                if (uri != null && !uri.isBlank() && !uris.contains(uri)) {
                    uris.add(uri);
                    holds.add(getter.getName() + "() = '" + SecretMasking.mask(uri) + "'");
                }
            }
        }
        if (!holds.isEmpty()) {
            rec.warn("'" + p.getShortName() + "' (" + p.getClass().getName() + ") is a step the analysis does not know; it"
                     + " holds " + String.join(", ", holds) + ": walked as if they ran in any order from any state, but"
                     + " what the step itself does with them is not followed");
            FlowState out = outputs == null || outputs.isEmpty() ? widened : anyOrder(outputs, widened, rec);
            for (String uri : uris) {
                out = out.join(send(uri, true, widened, rec));
            }
            return out.join(widened);
        }
        return widened;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A step as a warning names it: {@code the 'process' step (ref=enrich)}. */
    static String describe(ProcessorDefinition<?> p) {
        List<String> details = new ArrayList<>();
        if (p.hasCustomIdAssigned()) {
            details.add("id=" + p.getId());
        }
        if (p instanceof ProcessDefinition process && process.getRef() != null) {
            details.add("ref=" + process.getRef());
        } else if (p instanceof BeanDefinition bean) {
            if (bean.getRef() != null) {
                details.add("ref=" + bean.getRef());
            }
            if (bean.getBeanType() != null) {
                details.add("beanType=" + bean.getBeanType());
            }
            if (bean.getMethod() != null) {
                details.add("method=" + bean.getMethod());
            }
        } else if (p instanceof PolicyDefinition policy && policy.getRef() != null) {
            details.add("ref=" + policy.getRef());
        } else if (p instanceof ScriptDefinition script && script.getExpression() != null) {
            details.add("language=" + script.getExpression().getLanguage());
        }
        return "the '" + p.getShortName() + "' step" + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // handlers and interceptors

    private FlowState handler(ProcessorDefinition<?> handler, FlowState in, Recorder rec) {
        rec.handlers.add(handler);
        return in;
    }

    private FlowState intercept(InterceptDefinition intercept, FlowState in, Recorder rec) {
        rec.intercepts.add(intercept);
        return in;
    }

    private FlowState interceptSendTo(InterceptSendToEndpointDefinition intercept, FlowState in, Recorder rec) {
        rec.interceptSendTos.add(intercept);
        return in;
    }

    private FlowState onException(OnExceptionDefinition onException, FlowState in, Recorder rec) {
        for (String ref : new String[] {onException.getOnRedeliveryRef(), onException.getOnExceptionOccurredRef()}) {
            if (ref != null) {
                rec.warn("onException: the processor '" + ref + "' (onRedeliveryRef / onExceptionOccurredRef) runs before a"
                         + " failed step is retried and may change the trays3 headers it gets; that is not followed");
            }
        }
        return handler(onException, in, rec);
    }

    /** An onException block starts after its onExceptionOccurred / onRedelivery processors, which may change anything. */
    private static FlowState onExceptionEntry(OnExceptionDefinition onException, FlowState in) {
        FlowState start = in;
        if (onException.getOnExceptionOccurredRef() != null) {
            start = start.changedBy("the onExceptionOccurred processor (ref=" + onException.getOnExceptionOccurredRef() + ")");
        }
        if (onException.getOnRedeliveryRef() != null) {
            start = start.changedBy("the onRedelivery processor (ref=" + onException.getOnRedeliveryRef() + ")");
        }
        return start;
    }

    private static boolean continues(OnExceptionDefinition onException) {
        ExpressionSubElementDefinition continued = onException.getContinued();
        if (continued == null || continued.getExpressionType() == null) {
            return continued != null;
        }
        ExpressionDefinition expression = continued.getExpressionType();
        return !("constant".equals(expression.getLanguage()) && "false".equalsIgnoreCase(expression.getExpression()));
    }

    /** An interceptFrom block (placed first in the route by Camel) runs when the route's from endpoint matches it. */
    private FlowState interceptFrom(InterceptFromDefinition intercept, FlowState in, Recorder rec) {
        String pattern = intercept.getUri() == null ? null : resolve(intercept.getUri());
        if (pattern != null && rec.fromUri != null && !matches(rec.fromUri, pattern)) {
            return in;
        }
        return in.join(block(intercept.getOutputs(), in, rec));
    }

    /** The route's error handler: a dead letter channel sends failed messages, from any state, to its URI. */
    private void errorHandlers(RouteDefinition route, Recorder rec) {
        Set<Object> handlers = new LinkedHashSet<>();
        if (route.getErrorHandler() != null && route.getErrorHandler().getErrorHandlerType() != null) {
            handlers.add(route.getErrorHandler().getErrorHandlerType());
        }
        if (route.getErrorHandlerRef() != null) {
            rec.warn("errorHandlerRef '" + route.getErrorHandlerRef() + "' is a bean the analysis cannot read: if it sends"
                     + " failed messages to a trays3 endpoint, that endpoint is not in the policy");
        }
        if (route.isErrorHandlerFactorySet()) {
            handlers.add(route.getErrorHandlerFactory());
        }
        for (Object handler : handlers) {
            errorHandler(handler, rec.seen, rec);
        }
    }

    /** One error handler (of a route or a route configuration), with the state a failing step may be in. */
    void errorHandler(Object handler, FlowState anywhere, Recorder rec) {
        if (handler instanceof RefErrorHandlerDefinition ref) {
            rec.warn("errorHandler ref '" + ref.getRef() + "' is a bean the analysis cannot read: if it sends failed"
                     + " messages to a trays3 endpoint, that endpoint is not in the policy");
        }
        if (!(handler instanceof DefaultErrorHandlerDefinition defaults)) {
            return;
        }
        for (String ref : new String[] {defaults.getOnRedeliveryRef(), defaults.getOnExceptionOccurredRef()}) {
            if (ref != null) {
                rec.warn("errorHandler: the processor '" + ref + "' (onRedeliveryRef / onExceptionOccurredRef) runs before a"
                         + " failed step is retried and may change the trays3 headers it gets; that is not followed");
            }
        }
        if (handler instanceof DeadLetterChannelDefinition deadLetter && deadLetter.getDeadLetterUri() != null) {
            FlowState start = anywhere.withUnknownBody("the body of a failed message");
            if (deadLetter.getOnPrepareFailureRef() != null) {
                start = start.changedBy("the onPrepareFailure processor (ref=" + deadLetter.getOnPrepareFailureRef()
                                        + ") of the dead letter channel");
            }
            send(deadLetter.getDeadLetterUri(), false, start, rec);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // branches, blocks and loops

    private FlowState choice(ChoiceDefinition choice, FlowState in, Recorder rec) {
        FlowState out = null;
        for (WhenDefinition when : choice.getWhenClauses()) {
            FlowState branch = block(when.getOutputs(), in, rec);
            out = branch.join(out);
        }
        FlowState otherwise = choice.getOtherwise() == null ? in : block(choice.getOtherwise().getOutputs(), in, rec);
        return otherwise.join(out);
    }

    private FlowState doTry(TryDefinition doTry, FlowState in, Recorder rec) {
        Recorder tryRec = rec.scratch();
        FlowState out = block(doTry.getOutputsWithoutCatches(), in, tryRec);
        // a catch may start from any point of the try block
        FlowState anywhere = tryRec.seen;
        rec.absorb(tryRec);
        for (CatchDefinition doCatch : doTry.getCatchClauses()) {
            out = out.join(block(doCatch.getOutputs(), anywhere, rec));
        }
        FinallyDefinition doFinally = doTry.getFinallyClause();
        if (doFinally != null) {
            out = block(doFinally.getOutputs(), out.join(anywhere), rec);
        }
        return out;
    }

    /** The fallback may run from any point of the protected steps (or instead of them, when the circuit is open). */
    private FlowState circuitBreaker(CircuitBreakerDefinition breaker, FlowState in, Recorder rec) {
        Recorder protectedRec = rec.scratch();
        FlowState out = block(breaker.getOutputs(), in, protectedRec);
        FlowState anywhere = protectedRec.seen;
        rec.absorb(protectedRec);
        OnFallbackDefinition fallback = breaker.getOnFallback();
        if (fallback != null) {
            out = out.join(block(fallback.getOutputs(), anywhere, rec));
        }
        return out;
    }

    /**
     * A saga's steps run in the route; its compensation and completion URIs are called later, like a {@code to}, on a
     * new exchange that carries the saga's options as headers (evaluated when the saga starts).
     */
    private FlowState saga(SagaDefinition saga, FlowState in, Recorder rec) {
        FlowState action = FlowState.EMPTY.withUnknownBody("the body of a saga's compensation or completion");
        for (PropertyExpressionDefinition option : saga.getOptions() == null ? List.<PropertyExpressionDefinition>of()
                : saga.getOptions()) {
            action = setHeader(option.getKey(), option.getExpression(), in, action);
        }
        for (SagaActionUriDefinition call : new SagaActionUriDefinition[] {saga.getCompensation(), saga.getCompletion()}) {
            if (call != null) {
                send(call.getEndpointUri(), false, action, rec);
            }
        }
        return block(saga.getOutputs(), in, rec);
    }

    private FlowState split(SplitDefinition split, FlowState in, Recorder rec) {
        String what = "a split step";
        FlowState each = onPrepare(split.getOnPrepare(), split, in.withUnknownBody(what));
        FlowState out = repeat(split.getOutputs(), each, rec).withUnknownBody(what);
        return aggregated(split.getAggregationStrategy(), split.getAggregationStrategyBean(), split, out);
    }

    private FlowState aggregate(AggregateDefinition aggregate, FlowState in, Recorder rec) {
        String what = "an aggregate step";
        FlowState group = aggregated(aggregate.getAggregationStrategy(), aggregate.getAggregationStrategyBean(), aggregate,
                                     in.withUnknownBody(what));
        return repeat(aggregate.getOutputs(), group, rec).withUnknownBody(what);
    }

    private FlowState multicast(MulticastDefinition multicast, FlowState in, Recorder rec) {
        FlowState out = anyOrder(multicast.getOutputs(), onPrepare(multicast.getOnPrepare(), multicast, in), rec);
        return aggregated(multicast.getAggregationStrategy(), multicast.getAggregationStrategyBean(), multicast, out);
    }

    /** A policy bean wraps its steps: it may change anything before and after them. */
    private FlowState policy(PolicyDefinition policy, FlowState in, Recorder rec) {
        String step = describe(policy);
        return block(policy.getOutputs(), in.changedBy(step), rec).changedBy(step);
    }

    /** The copies a multicast, split, recipientList or wireTap sends go through its onPrepare processor first. */
    private static FlowState onPrepare(String ref, ProcessorDefinition<?> step, FlowState in) {
        return ref == null ? in : in.changedBy("the onPrepare processor (ref=" + ref + ") of " + describe(step));
    }

    /**
     * The result of an aggregation: Camel's own strategies keep the headers of one of the exchanges (seen by the walk);
     * any other strategy is code the analysis cannot see into.
     */
    private static FlowState aggregated(String strategyRef, Object strategyBean, ProcessorDefinition<?> step, FlowState in) {
        if (strategyRef == null && strategyBean == null) {
            return in;
        }
        String name = strategyRef == null ? strategyBean.getClass().getName()
                : strategyRef.replaceFirst("^#(class|type|bean):", "").replaceFirst("^#", "");
        if (CAMEL_STRATEGIES.contains(name)) {
            return in;
        }
        return in.changedBy("the aggregation strategy '" + name + "' of " + describe(step));
    }

    /** The outputs run zero or more times in sequence: walked until the state they start from no longer grows. */
    private FlowState repeat(List<ProcessorDefinition<?>> outputs, FlowState in, Recorder rec) {
        FlowState entry = in;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Recorder pass = rec.scratch();
            FlowState next = entry.join(block(outputs, entry, pass));
            if (next.equals(entry)) {
                rec.absorb(pass);
                return entry;
            }
            entry = next;
        }
        FlowState widened = entry.widen("too many paths through a loop");
        block(outputs, widened, rec);
        return widened;
    }

    /** The outputs run in any order and number: each starts from everything seen before it. */
    private FlowState anyOrder(List<ProcessorDefinition<?>> outputs, FlowState in, Recorder rec) {
        FlowState entry = in;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Recorder pass = rec.scratch();
            FlowState acc = entry;
            for (ProcessorDefinition<?> output : outputs) {
                acc = acc.join(step(output, intercepted(acc, pass), pass));
                pass.see(acc);
            }
            if (acc.equals(entry)) {
                rec.absorb(pass);
                return entry;
            }
            entry = acc;
        }
        FlowState widened = entry.widen("too many paths through a block");
        for (ProcessorDefinition<?> output : outputs) {
            step(output, widened, rec);
        }
        return widened;
    }

    /**
     * claimCheck: Set and Push store a copy of the message (per exchange); Get, GetAndRemove and Pop merge one back, so
     * the headers may then be as any stored copy had them. A route called by others may get back what they stored.
     */
    private FlowState claimCheck(ClaimCheckDefinition claimCheck, FlowState in, Recorder rec) {
        String operation = claimCheck.getOperation() == null ? "" : resolve(claimCheck.getOperation());
        if ("Set".equalsIgnoreCase(operation) || "Push".equalsIgnoreCase(operation)) {
            rec.claimed = in.join(rec.claimed);
            return in;
        }
        FlowState out;
        String filter = claimCheck.getFilter() == null ? null : resolve(claimCheck.getFilter());
        if (filter != null && !filter.toLowerCase(Locale.ROOT).contains("header")) {
            out = in.withUnknownBody(describe(claimCheck));
        } else if (rec.called) {
            out = in.changedBy(describe(claimCheck) + " (with what a calling route may have stored)");
        } else {
            out = rec.claimed == null ? in : in.join(rec.claimed);
        }
        return aggregated(claimCheck.getAggregationStrategy(), claimCheck.getAggregationStrategyBean(), claimCheck, out);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // endpoints

    /**
     * A message sent to an endpoint: the interceptSendToEndpoint blocks that match it run first (and their afterUri
     * after it); records trays3 and aws2-s3 uses; returns the state after the endpoint.
     */
    private FlowState send(String rawUri, boolean dynamicUri, FlowState in, Recorder rec) {
        return send(rawUri, dynamicUri, in, rec, null);
    }

    /** The same from a step (to, toD, wireTap) whose id a warning may name. */
    private FlowState send(String rawUri, boolean dynamicUri, FlowState in, Recorder rec, ProcessorDefinition<?> step) {
        if (rawUri == null) {
            return in.changedBy("an endpoint given as an object");
        }
        String uri = resolve(rawUri);
        List<InterceptSendToEndpointDefinition> interceptors = new ArrayList<>();
        for (InterceptSendToEndpointDefinition interceptor : List.copyOf(rec.interceptSendTos)) {
            if (!rec.activeInterceptors.contains(interceptor) && mayMatch(uri, dynamicUri, resolve(interceptor.getUri()))) {
                interceptors.add(interceptor);
            }
        }
        rec.activeInterceptors.addAll(interceptors);
        try {
            // each block may run (its onWhen may skip it), then the endpoint, unless the block skips it
            FlowState before = in;
            for (InterceptSendToEndpointDefinition interceptor : interceptors) {
                before = before.join(block(interceptor.getOutputs(), before, rec));
            }
            FlowState out = endpoint(uri, dynamicUri, before, rec, step);
            for (InterceptSendToEndpointDefinition interceptor : interceptors) {
                if (!"false".equalsIgnoreCase(resolveOrNull(interceptor.getSkipSendToOriginalEndpoint()))
                    && interceptor.getSkipSendToOriginalEndpoint() != null) {
                    out = out.join(before);
                }
                if (interceptor.getAfterUri() != null) {
                    out = out.join(send(interceptor.getAfterUri(), false, out, rec));
                }
            }
            return out;
        } finally {
            interceptors.forEach(rec.activeInterceptors::remove);
        }
    }

    /** Whether an interceptSendToEndpoint pattern may match the endpoint (a toD's is only known at run time). */
    private boolean mayMatch(String uri, boolean dynamicUri, String pattern) {
        if (pattern == null) {
            return false;
        }
        if (dynamicUri && isDynamic(uri)) {
            String scheme = scheme(uri);
            String patternScheme = scheme(pattern);
            return isDynamic(scheme) || patternScheme.contains("*") || patternScheme.equals(scheme);
        }
        return matches(uri, pattern);
    }

    /** Camel's own endpoint matching (wildcards, regular expressions, options in any order). */
    private boolean matches(String uri, String pattern) {
        try {
            return EndpointHelper.matchEndpoint(context, uri, pattern);
        } catch (RuntimeException e) {
            return PatternHelper.matchPattern(uri, pattern);
        }
    }

    /** The endpoint itself. */
    private FlowState endpoint(String uri, boolean dynamicUri, FlowState in, Recorder rec, ProcessorDefinition<?> step) {
        String scheme = scheme(uri);
        String id = step != null && step.hasCustomIdAssigned() ? " (id=" + step.getId() + ")" : "";
        if (TRAYS3.equals(scheme)) {
            FlowState out = trays3(uri, dynamicUri, in, rec);
            widenings(uri, dynamicUri, in, rec);
            return out;
        }
        if (AWS2_S3.equals(scheme)) {
            Map<String, Object> options = options(uri, rec);
            Object operation = options == null ? null : options.get("operation");
            rec.aws2S3Uses.add(new Aws2S3Use(rec.routeId, rec.source, aws2S3Bucket(uri), false,
                                             operation == null ? null : operation.toString()));
            return in.changedBy("the aws2-s3 producer" + id);
        }
        if (KAMELET.equals(scheme)) {
            return kamelet(path(uri), in, rec);
        }
        if (INERT_SCHEMES.contains(scheme)) {
            return in;
        }
        if (CALL_SCHEMES.contains(scheme)) {
            rec.call(callKey(uri), in);
            return in.changedBy("the route called through " + callKey(uri) + id);
        }
        if (dynamicUri && isDynamic(scheme)) {
            rec.warn("'" + SecretMasking.mask(uri) + "' may call a trays3 endpoint only known at run time; it is not in the"
                     + " policy");
            return in.changedBy("the endpoint '" + SecretMasking.mask(callKey(uri)) + "'" + id);
        }
        return in.changedBy("the '" + scheme + ":' endpoint" + id);
    }

    /** A kamelet: its steps are a route template's, which the analysis does not walk. */
    private FlowState kamelet(String name, FlowState in, Recorder rec) {
        String template = name;
        int end = template.indexOf('/') >= 0 ? template.indexOf('/') : template.indexOf('?');
        if (end >= 0) {
            template = template.substring(0, end);
        }
        if (!routeTemplates.contains(template)) {
            rec.warn("kamelet '" + template + "': its route template is not among the files read, so its steps are not"
                     + " analysed; a trays3 endpoint in it is not in the policy");
        }
        return in.changedBy("the kamelet '" + template + "'");
    }

    /** The kamelet EIP calls a kamelet; the steps it holds run after it. */
    private FlowState kameletStep(KameletDefinition step, FlowState in, Recorder rec) {
        return block(step.getOutputs(), kamelet(step.getName() == null ? "?" : resolve(step.getName()), in, rec), rec);
    }

    private FlowState wireTap(WireTapDefinition<?> wireTap, FlowState in, Recorder rec) {
        // the tap works on a copy: the route itself goes on unchanged
        boolean dynamic = !"false".equalsIgnoreCase(resolveOrNull(wireTap.getDynamicUri()));
        send(wireTap.getUri(), dynamic, onPrepare(wireTap.getOnPrepare(), wireTap, in), rec);
        return in;
    }

    /** enrich: the reply of the resource replaces the message, unless an aggregation strategy merges it. */
    private FlowState enrich(EnrichDefinition enrich, FlowState in, Recorder rec) {
        List<Target> targets = targets(enrich.getExpression(), null);
        if (targets == null) {
            warnUnreadable(enrich, rec);
            return in.changedBy(describe(enrich));
        }
        FlowState out = in;
        for (Target target : targets) {
            out = send(target.uri(), target.dynamic(), in, rec);
        }
        return aggregated(enrich.getAggregationStrategy(), enrich.getAggregationStrategyBean(), enrich, out);
    }

    private FlowState pollEnrich(PollEnrichDefinition enrich, FlowState in, Recorder rec) {
        List<Target> targets = targets(enrich.getExpression(), null);
        if (targets == null) {
            warnUnreadable(enrich, rec);
            return in.changedBy(describe(enrich));
        }
        FlowState out = in;
        for (Target target : targets) {
            out = out.join(poll(target.uri(), enrich, in, rec));
        }
        return out;
    }

    /** The operation a URI path names, or null. */
    private static Trays3Operation operationOrNull(String path) {
        try {
            return Trays3Operation.fromUri(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** poll and pollEnrich: the message becomes what a consumer of the endpoint delivers. */
    private FlowState poll(String rawUri, ProcessorDefinition<?> step, FlowState in, Recorder rec) {
        if (rawUri == null) {
            return in.changedBy(describe(step));
        }
        String uri = resolve(rawUri);
        String scheme = scheme(uri);
        if (TRAYS3.equals(scheme)) {
            Trays3Operation operation = operationOrNull(path(uri));
            rec.warn(step.getShortName() + " '" + SecretMasking.mask(uri) + "': " + (operation != null
                     && operation.has(Trait.CONSUMES) ? "polling a trays3 consumer from a step is not analysed"
                     : "trays3 has no consumer there, this step fails at run time") + "; nothing is granted for it");
            return in;
        }
        if (AWS2_S3.equals(scheme)) {
            String bucket = aws2S3Bucket(uri);
            rec.aws2S3Uses.add(new Aws2S3Use(rec.routeId, rec.source, bucket, true, null));
            return in.changedBy(describe(step)).withHeader(Trays3Constants.AWS2_S3_BUCKET, Possible.literal(bucket))
                    .withHeader(Trays3Constants.AWS2_S3_KEY, Possible.unknown("the object the aws2-s3 consumer picked up"));
        }
        if (isDynamic(scheme)) {
            warnUnreadable(step, rec);
        }
        return in.changedBy(describe(step) + " from '" + scheme + ":'");
    }

    /** recipientList: each recipient gets a copy of the message; the result is the last reply (or the strategy's). */
    private FlowState recipientList(RecipientListDefinition<?> list, FlowState in, Recorder rec) {
        List<Target> targets = targets(list.getExpression(), list.getDelimiter() == null ? "," : resolve(list.getDelimiter()));
        if (targets == null) {
            warnUnreadable(list, rec);
            return in.changedBy(describe(list));
        }
        FlowState copy = onPrepare(list.getOnPrepare(), list, in);
        FlowState out = in;
        for (Target target : targets) {
            out = out.join(send(target.uri(), target.dynamic(), copy, rec));
        }
        return aggregated(list.getAggregationStrategy(), list.getAggregationStrategyBean(), list, out);
    }

    /** routingSlip: the endpoints in turn, like a pipeline. */
    private FlowState routingSlip(RoutingSlipDefinition<?> slip, FlowState in, Recorder rec) {
        List<Target> targets = targets(slip.getExpression(), slip.getUriDelimiter() == null ? ","
                : resolve(slip.getUriDelimiter()));
        if (targets == null) {
            warnUnreadable(slip, rec);
            return in.changedBy(describe(slip));
        }
        FlowState out = in;
        for (Target target : targets) {
            out = send(target.uri(), target.dynamic(), out, rec);
        }
        return out;
    }

    /** dynamicRouter: the endpoints its expression gives, over and over (until it gives none). */
    private FlowState dynamicRouter(DynamicRouterDefinition<?> router, FlowState in, Recorder rec) {
        List<Target> targets = targets(router.getExpression(), router.getUriDelimiter() == null ? ","
                : resolve(router.getUriDelimiter()));
        if (targets == null) {
            warnUnreadable(router, rec);
            return in.changedBy(describe(router));
        }
        FlowState out = in;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            FlowState next = out;
            for (Target target : targets) {
                next = next.join(send(target.uri(), target.dynamic(), next, rec));
            }
            if (next.equals(out)) {
                return out;
            }
            out = next;
        }
        return out.widen("too many rounds through a dynamicRouter");
    }

    private FlowState serviceCall(ServiceCallDefinition call, FlowState in, Recorder rec) {
        rec.warn("serviceCall '" + call.getName() + "' sends to an endpoint chosen at run time"
                 + (call.getUri() == null ? "" : " ('" + SecretMasking.mask(call.getUri()) + "')")
                 + "; if it is a trays3 endpoint, it is not in the policy");
        return in.changedBy(describe(call));
    }

    /** A step whose endpoints the analysis cannot read: said, with its expression. */
    private static void warnUnreadable(ProcessorDefinition<?> step, Recorder rec) {
        ExpressionDefinition expression = step instanceof ExpressionNode node ? node.getExpression() : null;
        String text = expression == null || expression.getExpression() == null ? ""
                : " " + expression.getLanguage() + " '" + SecretMasking.mask(expression.getExpression()) + "'";
        rec.warn(step.getShortName() + text + ": the endpoints it sends to are only known at run time; a trays3 endpoint"
                 + " among them is not in the policy");
    }

    /** One endpoint an expression names, and whether it holds ${...} parts only known at run time. */
    private record Target(String uri, boolean dynamic) {
    }

    /**
     * The endpoints an expression names, where the analysis can read them: a constant, or simple text (whose ${...}
     * parts are only known at run time), split at the delimiter; null for any other expression.
     */
    private List<Target> targets(ExpressionDefinition expression, String delimiter) {
        if (expression == null || expression.getExpression() == null) {
            return null;
        }
        String language = expression.getLanguage();
        if (!"constant".equals(language) && !"simple".equals(language)) {
            return null;
        }
        String text = resolve(expression.getExpression());
        List<Target> targets = new ArrayList<>();
        for (String part : split(text, delimiter)) {
            String uri = part.trim();
            if (!uri.isEmpty()) {
                targets.add(new Target(uri, "simple".equals(language) && isDynamic(uri)));
            }
        }
        return targets;
    }

    /** Splits at the delimiter outside ${...}; no delimiter: the whole text. */
    private static List<String> split(String text, String delimiter) {
        if (delimiter == null || delimiter.isEmpty() || "false".equals(delimiter)) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
            } else if (text.charAt(i) == '}' && depth > 0) {
                depth--;
            } else if (depth == 0 && text.startsWith(delimiter, i)) {
                parts.add(text.substring(start, i));
                start = i + delimiter.length();
                i = start - 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static boolean isDynamic(String text) {
        return text.contains("${") || text.contains("$simple{");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // headers

    private FlowState setHeader(String rawName, ExpressionDefinition expression, FlowState in) {
        return setHeader(rawName, expression, in, in);
    }

    /** Sets a header in {@code into} with an expression evaluated on {@code on}. */
    private FlowState setHeader(String rawName, ExpressionDefinition expression, FlowState on, FlowState into) {
        String name = tracked(resolve(rawName));
        if (name == null) {
            return into;
        }
        return into.withHeader(name, value(expression, on, "header " + rawName));
    }

    private FlowState setHeaders(SetHeadersDefinition setHeaders, FlowState in, Recorder rec) {
        FlowState state = in;
        for (SetHeaderDefinition header : setHeaders.getHeaders()) {
            state = setHeader(header.getName(), header.getExpression(), state);
        }
        return state;
    }

    private FlowState removeHeader(RemoveHeaderDefinition remove, FlowState in, Recorder rec) {
        String name = tracked(resolve(remove.getName()));
        return name == null ? in : in.withHeader(name, Possible.ABSENT);
    }

    private FlowState convertHeader(ConvertHeaderDefinition convert, FlowState in, Recorder rec) {
        String to = convert.getToName() == null ? null : tracked(resolve(convert.getToName()));
        if (to == null) {
            return in;
        }
        String from = tracked(resolve(convert.getName()));
        return in.withHeader(to, from == null ? Possible.unknown("converted from header " + convert.getName())
                : in.header(from));
    }

    /**
     * Without the property that marks getObject's version header, deleteObject and putObjectAcl act on that version:
     * from then on it is a version like any other.
     */
    private FlowState forgetReadVersion(ProcessorDefinition<?> p, FlowState in) {
        boolean removesMarker = !(p instanceof RemovePropertyDefinition remove)
                                || Trays3Constants.READ_VERSION_ID.equals(resolve(remove.getName()));
        Possible version = in.header(Trays3Constants.VERSION_ID);
        if (!removesMarker || !version.unknownReasons().contains(READ_VERSION)) {
            return in;
        }
        return in.withHeader(Trays3Constants.VERSION_ID, version.join(Possible.unknown(READ_VERSION_UNMARKED)));
    }

    /** What an expression yields: a literal for constants and simple text without ${...}, else unknown. */
    private Possible value(ExpressionDefinition expression, FlowState in, String what) {
        if (expression == null || expression.getExpression() == null) {
            return Possible.unknown(what + " is set by an expression the analysis cannot read");
        }
        String language = expression.getLanguage();
        String text = resolve(expression.getExpression());
        if (!"false".equalsIgnoreCase(expression.getTrim())) {
            text = text.trim();
        }
        if ("constant".equals(language)) {
            return Possible.literal(text);
        }
        if ("simple".equals(language)) {
            if (!text.contains("${") && !text.contains("$simple{")) {
                return Possible.literal(text);
            }
            Matcher reference = HEADER_REFERENCE.matcher(text);
            if (reference.matches() && tracked(reference.group(1)) != null) {
                return in.header(tracked(reference.group(1)));
            }
            return Possible.unknown(what + " is set from simple '" + text + "'");
        }
        if ("header".equals(language) && tracked(text) != null) {
            return in.header(tracked(text));
        }
        return Possible.unknown(what + " is set from " + language + " '" + text + "'");
    }

    private FlowState removeHeaders(RemoveHeadersDefinition remove, FlowState in) {
        String pattern = resolve(remove.getPattern());
        List<String> excludes = new ArrayList<>();
        if (remove.getExcludePattern() != null) {
            excludes.add(resolve(remove.getExcludePattern()));
        }
        if (remove.getExcludePatterns() != null) {
            for (String exclude : remove.getExcludePatterns()) {
                excludes.add(resolve(exclude));
            }
        }
        FlowState state = in;
        for (String name : TRACKED_HEADERS) {
            if (PatternHelper.matchPattern(name, pattern)
                && !PatternHelper.isExcludePatternMatch(name, excludes.toArray(new String[0]))) {
                state = state.withHeader(name, Possible.ABSENT);
            }
        }
        return state;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // trays3 steps

    private FlowState trays3(String uri, boolean dynamicUri, FlowState in, Recorder rec) {
        String path = path(uri);
        if (path.contains("${") || path.contains("$simple{")) {
            rec.warn("'trays3:" + path + "': the operation is only known at run time; it is not in the policy");
            return in.widen("a trays3 call with an operation known only at run time may change it");
        }
        Trays3Operation operation;
        try {
            operation = Trays3Operation.fromUri(path);
        } catch (IllegalArgumentException e) {
            rec.warn(e.getMessage() + " (the route would not start; it is not in the policy)");
            return in;
        }
        if (operation.has(Trait.CONSUMES)) {
            rec.warn("'trays3:" + operation + "' is a consumer: in a to(...) the route would not start; it is not in the"
                     + " policy");
            return in;
        }
        StaticInputs inputs = new StaticInputs(operation, options(uri, rec), dynamicUri, componentDefaults);
        rec.uses.addAll(inputs.uses(rec.routeId, rec.source, in));
        if (operation.has(Trait.KEYS_FROM_BODY) && in.listedBucket().mayBeUnknown()) {
            warnVersionsFromBody(operation, rec);
        }

        FlowState out = in.withListedBucket(Possible.ABSENT);
        if (operation.has(Trait.LISTS_BUCKET)) {
            out = out.withListedBucket(inputs.input(Input.BUCKET, in).withoutAbsent());
        }
        if (operation.has(Trait.REPORTS_READ_VERSION)) {
            out = out.withHeader(Trays3Constants.VERSION_ID, Possible.ABSENT.join(Possible.unknown(READ_VERSION)));
        }
        return out;
    }

    /**
     * The grants of a trays3 step that only a step the analysis cannot see into makes necessary: for each input whose
     * places such a step may have set, the grants (each action on each resource) that would go if it had not, with the
     * headers and steps to blame. A grant covered by a wider one of the same step is told with the wider one, so one
     * warning says all that the step's widest grant needs fixed.
     */
    private void widenings(String uri, boolean dynamicUri, FlowState in, Recorder rec) {
        String path = path(uri);
        if (isDynamic(path)) {
            return;
        }
        Trays3Operation operation;
        try {
            operation = Trays3Operation.fromUri(path);
        } catch (IllegalArgumentException e) {
            return;
        }
        StaticInputs inputs = new StaticInputs(operation, options(uri, rec.scratch()), dynamicUri, componentDefaults);
        Map<String, SortedSet<String>> granted = granted(inputs.uses(rec.routeId, rec.source, in));
        Map<String, SortedSet<String>> widenedActions = new TreeMap<>();
        Map<String, SortedSet<String>> reasons = new TreeMap<>();
        for (Input<?> input : operation.spec().inputs()) {
            if (input.iam() == Input.IamUse.NONE) {
                continue;
            }
            Set<String> headers = new LinkedHashSet<>();
            boolean listing = false;
            SortedSet<String> why = new TreeSet<>();
            // the places the step looks in, up to the first that is always set (as StaticInputs.input does)
            for (InputPlace place : operation.places(input)) {
                Possible value = inputs.at(input, place, in);
                if (!value.opaqueReasons().isEmpty()) {
                    why.addAll(value.opaqueReasons());
                    if (place.kind() == InputPlace.Kind.LISTED_BUCKET) {
                        listing = true;
                    } else {
                        headers.add(place.name());
                    }
                }
                if (!value.mayBeAbsent()) {
                    break;
                }
            }
            if (why.isEmpty()) {
                continue;
            }
            Map<String, SortedSet<String>> without = granted(inputs.uses(rec.routeId, rec.source,
                                                                         in.withoutOpaque(headers, listing)));
            granted.forEach((resource, actions) -> {
                for (String action : actions) {
                    if (!without.getOrDefault(resource, new TreeSet<>()).contains(action)) {
                        widenedActions.computeIfAbsent(resource, r -> new TreeSet<>()).add(action);
                        reasons.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(why);
                    }
                }
            });
        }
        // a widened grant that a wider widened grant of the same step covers is told with that one
        for (String resource : new ArrayList<>(widenedActions.keySet())) {
            for (String wider : widenedActions.keySet()) {
                if (!wider.equals(resource) && covers(wider, resource)
                    && widenedActions.get(wider).containsAll(widenedActions.get(resource))) {
                    reasons.get(wider).addAll(reasons.get(resource));
                    widenedActions.get(resource).clear();
                    break;
                }
            }
        }
        widenedActions.forEach((resource, actions) -> {
            if (!actions.isEmpty()) {
                rec.widenings.add(new Widening(rec.routeId, rec.source, operation, resource, actions, reasons.get(resource)));
            }
        });
    }

    /** Each resource the uses' grants name, as the policy writes it, with the actions on it. */
    private static Map<String, SortedSet<String>> granted(List<EndpointUse> uses) {
        Map<String, SortedSet<String>> granted = new TreeMap<>();
        for (EndpointUse use : uses) {
            for (IamGrant grant : use.grants()) {
                granted.computeIfAbsent(PolicyGenerator.resourceOf(grant), r -> new TreeSet<>()).addAll(grant.actions());
            }
        }
        return granted;
    }

    /** Whether a policy resource (with * wildcards; ${*} is a literal *) covers another. */
    static boolean covers(String pattern, String resource) {
        StringBuilder regex = new StringBuilder();
        Matcher token = Pattern.compile("\\$\\{[*?$]}|\\*|\\?|[^*?$]+|\\$").matcher(pattern);
        while (token.find()) {
            String part = token.group();
            regex.append("*".equals(part) ? ".*" : "?".equals(part) ? "." : Pattern.quote(part));
        }
        return resource.matches(regex.toString());
    }

    /** The keys come from a body the analysis cannot see: what versions in it would add is not granted. */
    private static void warnVersionsFromBody(Trays3Operation operation, Recorder rec) {
        Set<String> versionActions = new LinkedHashSet<>();
        operation.grants(versions(true)).forEach(g -> versionActions.addAll(g.actions()));
        operation.grants(versions(false)).forEach(g -> versionActions.removeAll(g.actions()));
        if (!versionActions.isEmpty()) {
            rec.warn("trays3:" + operation + " acts on the keys the body lists; if they carry a VersionId, "
                     + String.join(", ", versionActions) + " is needed too (not granted)");
        }
    }

    /** A call with nothing known but whether a version is given. */
    private static IamCall versions(boolean given) {
        return new IamCall() {
            @Override
            public String valueOf(Input<?> input) {
                return null;
            }

            @Override
            public boolean given(Input<?> input) {
                return given && input == Input.VERSION_ID;
            }
        };
    }

    private Map<String, Object> options(String uri, Recorder rec) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return new TreeMap<>();
        }
        try {
            Map<String, Object> options = URISupport.parseQuery(uri.substring(query + 1), true, true);
            URISupport.resolveRawParameterValues(options);
            return options;
        } catch (URISyntaxException | RuntimeException e) {
            rec.warn("the options of a '" + scheme(uri) + ":" + path(uri) + "' endpoint cannot be parsed ("
                     + SecretMasking.mask(e.getMessage()) + ")");
            return null;
        }
    }

    /** The headers in which any operation looks for an input the IAM policy depends on, from the operations. */
    private static List<String> trackedHeaders() {
        Set<String> headers = new LinkedHashSet<>();
        for (Trays3Operation operation : Trays3Operation.values()) {
            for (Input<?> input : operation.spec().inputs()) {
                if (input.iam() != Input.IamUse.NONE) {
                    operation.places(input).stream().filter(InputPlace::isHeader).forEach(p -> headers.add(p.name()));
                }
            }
        }
        return List.copyOf(headers);
    }

    /** The tracked header of that name (any case), or null. */
    static String tracked(String name) {
        if (name == null) {
            return null;
        }
        for (String header : TRACKED_HEADERS) {
            if (header.equalsIgnoreCase(name.trim())) {
                return header;
            }
        }
        return null;
    }

    static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    }

    /** The part after the scheme and before the options, without a leading //. */
    static String path(String uri) {
        int colon = uri.indexOf(':');
        String rest = colon < 0 ? "" : uri.substring(colon + 1);
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        return path.startsWith("//") ? path.substring(2) : path;
    }

    static String callKey(String uri) {
        return scheme(uri) + ":" + path(uri);
    }

    static String aws2S3Bucket(String uri) {
        String path = path(uri);
        return path.startsWith("arn:aws:s3:::") ? path.substring("arn:aws:s3:::".length()) : path;
    }

    private String resolve(String text) {
        return text == null ? null : context.resolvePropertyPlaceholders(text);
    }

    private String resolveOrNull(String text) {
        try {
            return resolve(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
