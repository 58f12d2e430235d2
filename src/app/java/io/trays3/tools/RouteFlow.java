package io.trays3.tools;

import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trays3.SecretMasking;
import io.trays3.Trays3Constants;
import io.trays3.operation.IamCall;
import io.trays3.operation.Input;
import io.trays3.operation.InputPlace;
import io.trays3.operation.OperationSpec.Trait;
import io.trays3.operation.Trays3Operation;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.AggregateDefinition;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ConvertBodyDefinition;
import org.apache.camel.model.ConvertHeaderDefinition;
import org.apache.camel.model.ConvertVariableDefinition;
import org.apache.camel.model.DelayDefinition;
import org.apache.camel.model.DynamicRouterDefinition;
import org.apache.camel.model.EnrichDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.FinallyDefinition;
import org.apache.camel.model.IdempotentConsumerDefinition;
import org.apache.camel.model.InterceptDefinition;
import org.apache.camel.model.InterceptFromDefinition;
import org.apache.camel.model.InterceptSendToEndpointDefinition;
import org.apache.camel.model.LogDefinition;
import org.apache.camel.model.LoopDefinition;
import org.apache.camel.model.MarshalDefinition;
import org.apache.camel.model.OnCompletionDefinition;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.PipelineDefinition;
import org.apache.camel.model.PolicyDefinition;
import org.apache.camel.model.PollEnrichDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RecipientListDefinition;
import org.apache.camel.model.RemoveHeaderDefinition;
import org.apache.camel.model.RemoveHeadersDefinition;
import org.apache.camel.model.RemovePropertiesDefinition;
import org.apache.camel.model.RemovePropertyDefinition;
import org.apache.camel.model.RemoveVariableDefinition;
import org.apache.camel.model.ResequenceDefinition;
import org.apache.camel.model.RollbackDefinition;
import org.apache.camel.model.RoutingSlipDefinition;
import org.apache.camel.model.SamplingDefinition;
import org.apache.camel.model.SendDefinition;
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
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.TransactedDefinition;
import org.apache.camel.model.TransformDataTypeDefinition;
import org.apache.camel.model.TransformDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.model.UnmarshalDefinition;
import org.apache.camel.model.ValidateDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.WireTapDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.support.PatternHelper;
import org.apache.camel.util.URISupport;

/**
 * Walks one route's model, step by step, keeping track of what the headers trays3 reads may hold at each point (a
 * setHeader with a constant fixes a bucket; a setHeader with a simple expression, a bean or a call to another route
 * makes it unknown; removeHeaders clears it), and records each trays3 call with the buckets, keys and options it may
 * get. Branches join, loops run to a fixed point, and any step it does not know is assumed to change every header it
 * tracks: the result may grant more than a route needs, never less than what the analysed steps do.
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

    /** Endpoints that leave the headers and the body as they are. */
    private static final Set<String> INERT_SCHEMES = Set.of("log", "mock", "stub", "browse", "dataset", "file", "dataset-test");
    /** Endpoints that hand the exchange to another route of the same application. */
    private static final Set<String> CALL_SCHEMES = Set.of("direct", "seda", "vm", "direct-vm", "disruptor", "disruptor-vm");
    private static final int MAX_ROUNDS = 20;
    private static final Pattern HEADER_REFERENCE =
            Pattern.compile("\\$\\{(?:in\\.)?headers?(?:\\.|:|\\[)([A-Za-z0-9_.\\-]+)]?}");

    private final CamelContext context;
    private final Map<String, String> componentDefaults;

    /**
     * @param context           the (never started) context the routes were loaded into, for property placeholders
     * @param componentDefaults the trays3 component's defaults from the properties ({@code camel.component.trays3.*}),
     *                          by option name
     */
    RouteFlow(CamelContext context, Map<String, String> componentDefaults) {
        this.context = context;
        this.componentDefaults = componentDefaults;
    }

    /** What one walk found. */
    static final class Recorder {
        final String routeId;
        final String source;
        final Set<EndpointUse> uses = new LinkedHashSet<>();
        final Set<Aws2S3Use> aws2S3Uses = new LinkedHashSet<>();
        final Set<String> warnings = new LinkedHashSet<>();
        /** What the routes called through direct:, seda:, ... may receive, by endpoint. */
        final Map<String, FlowState> calls = new TreeMap<>();
        /** onException, onCompletion and intercept blocks: they run from any point of the route. */
        final List<ProcessorDefinition<?>> handlers = new ArrayList<>();
        /** Every state met, joined. */
        FlowState seen;

        Recorder(String routeId, String source) {
            this.routeId = routeId;
            this.source = source;
        }

        Recorder scratch() {
            return new Recorder(routeId, source);
        }

        void absorb(Recorder other) {
            uses.addAll(other.uses);
            aws2S3Uses.addAll(other.aws2S3Uses);
            warnings.addAll(other.warnings);
            other.calls.forEach(this::call);
            handlers.addAll(other.handlers);
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

    /** Walks the steps in order from {@code in}; returns the state after the last one. */
    FlowState block(List<ProcessorDefinition<?>> steps, FlowState in, Recorder rec) {
        FlowState state = in;
        rec.see(state);
        if (steps != null) {
            for (ProcessorDefinition<?> step : steps) {
                state = step(step, state, rec);
                rec.see(state);
            }
        }
        return state;
    }

    /** Walks the handlers found so far (and those found inside them) from every state the route may be in. */
    void handlers(Recorder rec, FlowState entry) {
        Set<ProcessorDefinition<?>> done = new LinkedHashSet<>();
        while (!done.containsAll(rec.handlers)) {
            for (ProcessorDefinition<?> handler : new ArrayList<>(rec.handlers)) {
                if (done.add(handler)) {
                    repeat(handler.getOutputs(), entry.withUnknownBody("the body when a handler runs"), rec);
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
        if (p instanceof OnExceptionDefinition || p instanceof OnCompletionDefinition || p instanceof InterceptDefinition
            || p instanceof InterceptFromDefinition || p instanceof InterceptSendToEndpointDefinition) {
            rec.handlers.add(p);
            return in;
        }
        if (p instanceof ChoiceDefinition choice) {
            return choice(choice, in, rec);
        }
        if (p instanceof TryDefinition doTry) {
            return doTry(doTry, in, rec);
        }
        if (p instanceof SetHeaderDefinition setHeader) {
            return setHeader(setHeader.getName(), setHeader.getExpression(), in);
        }
        if (p instanceof SetHeadersDefinition setHeaders) {
            FlowState state = in;
            for (SetHeaderDefinition header : setHeaders.getHeaders()) {
                state = setHeader(header.getName(), header.getExpression(), state);
            }
            return state;
        }
        if (p instanceof RemoveHeaderDefinition remove) {
            String name = resolve(remove.getName());
            return tracked(name) == null ? in : in.withHeader(tracked(name), Possible.ABSENT);
        }
        if (p instanceof RemoveHeadersDefinition remove) {
            return removeHeaders(remove, in);
        }
        if (p instanceof RemovePropertyDefinition || p instanceof RemovePropertiesDefinition) {
            return forgetReadVersion(p, in);
        }
        if (p instanceof ConvertHeaderDefinition convert) {
            String to = convert.getToName() == null ? null : tracked(resolve(convert.getToName()));
            if (to == null) {
                return in;
            }
            String from = tracked(resolve(convert.getName()));
            return in.withHeader(to, from == null ? Possible.unknown("converted from header " + convert.getName())
                    : in.header(from));
        }
        if (p instanceof WireTapDefinition<?> wireTap) {
            // the tap works on a copy: the route itself goes on unchanged
            send(wireTap.getUri(), true, in, rec);
            return in;
        }
        if (p instanceof ToDynamicDefinition toD) {
            return send(toD.getUri(), true, in, rec);
        }
        if (p instanceof SendDefinition<?> to) {
            return send(to.getEndpointUri(), false, in, rec);
        }
        if (p instanceof EnrichDefinition || p instanceof PollEnrichDefinition) {
            return enrich((ExpressionNode) p, in, rec);
        }
        if (p instanceof RecipientListDefinition || p instanceof RoutingSlipDefinition || p instanceof DynamicRouterDefinition) {
            ExpressionDefinition expression = ((ExpressionNode) p).getExpression();
            String text = expression == null ? null : expression.getExpression();
            if (text != null && text.contains(TRAYS3 + ":")) {
                rec.warn(p.getShortName() + " '" + SecretMasking.mask(text) + "' may call trays3 endpoints that are only"
                         + " known at run time; they are not in the policy");
            }
            return in.widen("a " + p.getShortName() + " step may change it");
        }
        if (p instanceof SetBodyDefinition || p instanceof TransformDefinition || p instanceof ConvertBodyDefinition
            || p instanceof TransformDataTypeDefinition || p instanceof SortDefinition || p instanceof MarshalDefinition) {
            return in.withUnknownBody("a " + p.getShortName() + " step");
        }
        if (p instanceof UnmarshalDefinition) {
            // some data formats (zipFile, tarFile) name each entry in CamelFileName
            return in.withUnknownBody("an unmarshal step").withHeader(Exchange.FILE_NAME,
                    in.header(Exchange.FILE_NAME).widen("an unmarshal step may set it"));
        }
        List<ProcessorDefinition<?>> outputs = p.getOutputs();
        if (outputs != null && !outputs.isEmpty()) {
            return compound(p, outputs, in, rec);
        }
        if (isInert(p)) {
            return in;
        }
        return in.widen("a '" + p.getShortName() + "' step may change it");
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

    private static boolean isInert(ProcessorDefinition<?> p) {
        return p instanceof SetPropertyDefinition || p instanceof SetVariableDefinition
               || p instanceof SetVariablesDefinition || p instanceof RemoveVariableDefinition || p instanceof LogDefinition
               || p instanceof ConvertVariableDefinition || p instanceof DelayDefinition || p instanceof ThrottleDefinition
               || p instanceof StopDefinition || p instanceof ThrowExceptionDefinition || p instanceof RollbackDefinition
               || p instanceof ValidateDefinition || p instanceof SetExchangePatternDefinition
               || p instanceof SamplingDefinition;
    }

    private FlowState compound(ProcessorDefinition<?> p, List<ProcessorDefinition<?>> outputs, FlowState in, Recorder rec) {
        if (p instanceof PipelineDefinition || p instanceof StepDefinition || p instanceof ThreadsDefinition
            || p instanceof TransactedDefinition || p instanceof PolicyDefinition) {
            return block(outputs, in, rec);
        }
        if (p instanceof FilterDefinition || p instanceof IdempotentConsumerDefinition) {
            return in.join(block(outputs, in, rec));
        }
        if (p instanceof LoopDefinition) {
            return repeat(outputs, in, rec);
        }
        if (p instanceof SplitDefinition || p instanceof AggregateDefinition || p instanceof ResequenceDefinition) {
            String what = "a " + p.getShortName() + " step";
            return repeat(outputs, in.withUnknownBody(what), rec).withUnknownBody(what);
        }
        // anything else (multicast, loadBalance, circuitBreaker, saga, ...): its outputs may run in any order, any
        // number of times, each from any state seen before it
        return anyOrder(outputs, in, rec);
    }

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
                acc = acc.join(step(output, acc, pass));
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

    private FlowState enrich(ExpressionNode node, FlowState in, Recorder rec) {
        ExpressionDefinition expression = node.getExpression();
        String language = expression == null ? null : expression.getLanguage();
        String text = expression == null ? null : expression.getExpression();
        if (text != null && ("constant".equals(language) || "simple".equals(language))) {
            // the resource's reply is merged back by an aggregation strategy: anything may change
            send(text.trim(), "simple".equals(language), in, rec);
        } else if (text != null && text.contains(TRAYS3 + ":")) {
            rec.warn(node.getShortName() + " '" + SecretMasking.mask(text) + "' may call a trays3 endpoint the analysis"
                     + " cannot read; it is not in the policy");
        }
        return in.widen("an " + node.getShortName() + " step may change it");
    }

    private FlowState setHeader(String rawName, ExpressionDefinition expression, FlowState in) {
        String name = tracked(resolve(rawName));
        if (name == null) {
            return in;
        }
        return in.withHeader(name, value(expression, in, "header " + rawName));
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

    /** A message sent to an endpoint: records trays3 and aws2-s3 uses; returns the state after the endpoint. */
    private FlowState send(String rawUri, boolean dynamicUri, FlowState in, Recorder rec) {
        if (rawUri == null) {
            return in.widen("an endpoint given as an object may change it");
        }
        String uri = resolve(rawUri);
        String scheme = scheme(uri);
        if (TRAYS3.equals(scheme)) {
            return trays3(uri, dynamicUri, in, rec);
        }
        if (AWS2_S3.equals(scheme)) {
            Map<String, Object> options = options(uri, rec);
            Object operation = options == null ? null : options.get("operation");
            rec.aws2S3Uses.add(new Aws2S3Use(rec.routeId, rec.source, aws2S3Bucket(uri), false,
                                             operation == null ? null : operation.toString()));
            return in.widen("an aws2-s3 producer may change it");
        }
        if (INERT_SCHEMES.contains(scheme)) {
            return in;
        }
        if (CALL_SCHEMES.contains(scheme)) {
            rec.call(callKey(uri), in);
            return in.widen("the route called through " + callKey(uri) + " may change it");
        }
        if (dynamicUri && (scheme.contains("${") || scheme.contains("$simple{")) && uri.contains(TRAYS3)) {
            rec.warn("'" + SecretMasking.mask(uri) + "' may call a trays3 endpoint only known at run time; it is not in the"
                     + " policy");
        }
        return in.widen("a '" + scheme + ":' endpoint may change it");
    }

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
