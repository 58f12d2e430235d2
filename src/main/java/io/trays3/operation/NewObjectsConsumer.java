package io.trays3.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.trays3.Trays3Configuration;
import io.trays3.Trays3Constants;
import io.trays3.Trays3Endpoint;
import io.trays3.Trays3ErrorMessage;
import io.trays3.Trays3Exception;
import io.trays3.operation.ObjectHandover.Outcome;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code newObjects}: a scheduled poll consumer that lists its bucket under its prefix, one page at a time, and starts one
 * exchange per object that is new or changed (by ETag) since it was last delivered: the listing entry as body, the
 * bucket, key, ETag and size as headers. What was delivered is kept in an idempotent repository (claimed before each
 * exchange, confirmed after it, released when it fails: see {@link ObjectHandover}). After a successful exchange the
 * object may be deleted ({@code deleteAfterRead}) or moved ({@code moveAfterRead}: copyObject, then deleteObject).
 *
 * <p>In event mode ({@code notifications=<endpoint uri>}) it consumes S3 event notifications from that endpoint instead
 * and hands the objects they report created over the same way; a notification fails when one of its objects failed, so
 * its source (an SQS queue, a Kafka consumer group) delivers it again; {@code reconcileDelay} adds a listing now and
 * then for notifications that never came.
 */
public final class NewObjectsConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(NewObjectsConsumer.class);

    /**
     * The default repository: in memory, one entry per object version delivered (unbounded, so a large bucket is never
     * delivered again for want of room), kept while the consumer lives: a route restart remembers, a JVM restart forgets.
     */
    private final IdempotentRepository memory = MemoryIdempotentRepository.memoryIdempotentRepository(
            new ConcurrentHashMap<>());
    private Settings settings;
    private ObjectHandover handover;
    private final List<Object> services = new ArrayList<>();
    private Consumer notificationConsumer;

    NewObjectsConsumer(Trays3Endpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    /**
     * The key under which the consumer records an object version in its idempotent repository: the SHA-256, in hex, of
     * bucket, key and ETag (with or without quotes). To have an object delivered again, remove this key.
     */
    public static String repositoryKey(String bucket, String key, String eTag) {
        return NewObject.repositoryKey(bucket, key, eTag);
    }

    @Override
    public Trays3Endpoint getEndpoint() {
        return (Trays3Endpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        Trays3Configuration configuration = getEndpoint().getConfiguration();
        settings = Settings.resolve(new OperationInputs(Trays3Operation.newObjects, getEndpoint().createExchange(),
                                                        configuration, getEndpoint().getUriOptions()), configuration);
        IdempotentRepository repository = configuration.getIdempotentRepository() != null
                ? configuration.getIdempotentRepository() : memory;
        IdempotentRepository inProgress = configuration.getInProgressRepository();
        ObjectHandover.AfterRead afterRead = afterRead();
        for (Object service : new Object[] {repository, inProgress}) {
            if (service != null) {
                // a repository bean may be shared by several consumers: started here if it is not yet, never stopped here
                CamelContextAware.trySetCamelContext(service, getEndpoint().getCamelContext());
                ServiceHelper.startService(service);
            }
        }
        handover = new ObjectHandover(this, repository, inProgress, afterRead);
        if (settings.notifications() != null) {
            if (settings.reconcileDelay() > 0) {
                setDelay(getTimeUnit().convert(settings.reconcileDelay(), TimeUnit.MILLISECONDS));
            } else {
                setStartScheduler(false);
            }
            notificationConsumer = notificationConsumer(settings.notifications());
        }
        super.doStart();
        ServiceHelper.startService(notificationConsumer);
    }

    @Override
    protected void doStop() throws Exception {
        // no notification is taken while the route stops; one in progress finishes first (the source waits for it)
        ServiceHelper.stopAndShutdownService(notificationConsumer);
        notificationConsumer = null;
        super.doStop();
        ServiceHelper.stopAndShutdownServices(services);
        services.clear();
    }

    /** deleteObject, or copyObject then deleteObject, on this endpoint (its connection and credentials). */
    private ObjectHandover.AfterRead afterRead() throws Exception {
        if (!settings.deletes()) {
            return null;
        }
        Producer delete = Trays3Operation.deleteObject.createProducer(getEndpoint());
        Producer copy = settings.destinationBucket() == null ? null : Trays3Operation.copyObject.createProducer(getEndpoint());
        for (Producer producer : new Producer[] {copy, delete}) {
            if (producer != null) {
                ServiceHelper.startService(producer);
                services.add(producer);
            }
        }
        return object -> {
            if (copy != null) {
                Exchange move = getEndpoint().createExchange();
                move.getMessage().setHeader(Trays3Constants.BUCKET, object.bucket());
                move.getMessage().setHeader(Trays3Constants.KEY, object.key());
                move.getMessage().setHeader(Trays3Constants.DESTINATION_BUCKET, settings.destinationBucket());
                move.getMessage().setHeader(Trays3Constants.DESTINATION_KEY, settings.destinationPrefix() + object.key());
                copy.process(move);
            }
            Exchange remove = getEndpoint().createExchange();
            remove.getMessage().setHeader(Trays3Constants.BUCKET, object.bucket());
            remove.getMessage().setHeader(Trays3Constants.KEY, object.key());
            delete.process(remove);
        };
    }

    /** The consumer of the notifications endpoint, its exchanges in a unit of work so the source's commit runs. */
    private Consumer notificationConsumer(String uri) throws Exception {
        Endpoint source = getEndpoint().getCamelContext().getEndpoint(uri);
        Processor onNotification = this::onNotification;
        AsyncProcessor inUnitOfWork = PluginHelper.getInternalProcessorFactory(getEndpoint().getCamelContext())
                .addUnitOfWorkProcessorAdvice(getEndpoint().getCamelContext(), onNotification, null);
        ServiceHelper.startService(inUnitOfWork);
        services.add(inUnitOfWork);
        return source.createConsumer(inUnitOfWork);
    }

    @Override
    protected int poll() throws Exception {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(settings.bucket())
                .prefix(settings.prefix());
        long youngest = settings.minAge() > 0 ? System.currentTimeMillis() - settings.minAge() : Long.MAX_VALUE;
        int started = 0;
        while (true) {
            ListObjectsV2Response page = list(request.build());
            for (S3Object object : page.contents()) {
                if (!isPollAllowed() || settings.maxMessagesPerPoll() > 0 && started >= settings.maxMessagesPerPoll()) {
                    return started;
                }
                if (!settings.selects(object.key())
                    || object.lastModified() != null && object.lastModified().toEpochMilli() > youngest) {
                    continue;
                }
                if (handover.offer(NewObject.listed(settings.bucket(), object)) != Outcome.SKIPPED) {
                    started++;
                }
            }
            String next = page.nextContinuationToken();
            // the last page; a server that repeats its token would be listed forever
            if (!Boolean.TRUE.equals(page.isTruncated()) || next == null
                || next.equals(request.build().continuationToken())) {
                return started;
            }
            request.continuationToken(next);
        }
    }

    private ListObjectsV2Response list(ListObjectsV2Request request) {
        try {
            return getEndpoint().getClients().s3().listObjectsV2(request);
        } catch (SdkException e) {
            // an AccessDenied needs the listing's grant, not the deletes' or the move's
            throw S3Failures.translate(settings.inputs(), e, () -> settings.listingGrants());
        }
    }

    /** One notification: hands over each object it reports created in this bucket under the prefix. */
    private void onNotification(Exchange notification) {
        S3EventNotifications.Reported reported;
        try {
            reported = S3EventNotifications.read(notification.getMessage().getBody(String.class));
        } catch (IllegalArgumentException e) {
            throw S3Failures.other(settings.inputs(), "a message from " + settings.notifications() + " is not an S3 event"
                                   + " notification: " + e.getMessage(),
                                   "Send the bucket's event notifications there, as S3 writes them (directly, or in an SNS or"
                                   + " EventBridge envelope)", e);
        }
        if (!reported.skipped().isEmpty()) {
            LOG.debug("Notification events not for newObjects (only created objects are): {}", reported.skipped());
        }
        int offered = 0;
        int failed = 0;
        for (NewObject object : reported.created()) {
            if (!object.bucket().equals(settings.bucket()) || !settings.selects(object.key())
                || settings.prefix() != null && !object.key().startsWith(settings.prefix())) {
                LOG.debug("s3://{}/{}: not in the bucket and prefix of this consumer, ignored", object.bucket(), object.key());
                continue;
            }
            offered++;
            if (handover.offer(object) == Outcome.FAILED) {
                failed++;
            }
        }
        if (failed > 0) {
            // the source (an SQS queue, a Kafka consumer group) delivers the notification again; what succeeded is skipped
            throw S3Failures.other(settings.inputs(), failed + " of the " + offered + " objects of a notification from "
                                   + settings.notifications() + " failed",
                                   "The notification fails too, so that its source can deliver it again", null);
        }
    }

    /** A failure about one object, in the exception family. */
    Trays3Exception failure(NewObject object, String whatHappened, Throwable cause) {
        return Trays3ErrorMessage.of(Trays3Operation.newObjects.name()).on(object.bucket(), object.key())
                .exception(whatHappened, null, cause);
    }

    /** Reports what went wrong beside an exchange, through the consumer's exception handler (by default a WARN log). */
    void report(Trays3Exception e) {
        getExceptionHandler().handleException(e.getMessage(), e);
    }

    /**
     * The consumer's options, resolved and checked once at start through the operation's inputs (so a bad bucket name or
     * an impossible move stops the route from starting, with the option named).
     */
    record Settings(OperationInputs inputs, String bucket, String prefix, boolean deletes, String destinationBucket,
                    String destinationPrefix, int maxMessagesPerPoll, long minAge, Pattern include, Pattern exclude,
                    String notifications, long reconcileDelay) {

        static Settings resolve(OperationInputs inputs, Trays3Configuration configuration) {
            String bucket = inputs.bucket();
            String prefix = inputs.value(Input.PREFIX);
            boolean move = Boolean.TRUE.equals(inputs.value(Input.MOVE_AFTER_READ));
            boolean delete = Boolean.TRUE.equals(inputs.value(Input.DELETE_AFTER_READ));
            String destinationBucket = move ? inputs.bucket(Input.DESTINATION_BUCKET) : null;
            String destinationPrefix = inputs.value(Input.DESTINATION_PREFIX);
            destinationPrefix = destinationPrefix == null ? "" : destinationPrefix;
            // the segments the prefix completes (after its last '/' it joins each key's first segment, checked per move)
            inputs.checkNoDotSegment(destinationPrefix.substring(0, destinationPrefix.lastIndexOf('/') + 1),
                                     "option 'destinationPrefix'", "a key prefix");
            Pattern include = pattern(inputs, "include", configuration.getInclude());
            Pattern exclude = pattern(inputs, "exclude", configuration.getExclude());
            if (move && destinationBucket.equals(bucket)) {
                if (destinationPrefix.isEmpty()) {
                    throw inputs.invalid("option 'destinationPrefix'", null, "is required to move objects within their"
                                         + " bucket (moveAfterRead would copy each object onto itself); allowed: a"
                                         + " prefix, or another destinationBucket");
                }
                if ((prefix == null || destinationPrefix.startsWith(prefix)) && exclude == null) {
                    throw inputs.invalid("option 'destinationPrefix'", destinationPrefix, "is under the consumed prefix '"
                                         + (prefix == null ? "" : prefix) + "' of the same bucket: the moved copies"
                                         + " would be delivered again; allowed: a prefix outside it, another"
                                         + " destinationBucket, or an exclude pattern for the moved copies");
                }
            }
            String notifications = configuration.getNotifications();
            notifications = notifications == null || notifications.isBlank() ? null : notifications.trim();
            if (notifications != null && notifications.toLowerCase(Locale.ROOT).startsWith("trays3:")) {
                throw inputs.invalid("option 'notifications'", notifications, "is a trays3 endpoint; allowed: the endpoint"
                                     + " S3 event notifications arrive on (aws2-sqs:..., kafka:..., ...)");
            }
            atLeastZero(inputs, "maxMessagesPerPoll", configuration.getMaxMessagesPerPoll());
            atLeastZero(inputs, "minAge", configuration.getMinAge());
            atLeastZero(inputs, "reconcileDelay", configuration.getReconcileDelay());
            if (configuration.getReconcileDelay() > 0 && notifications == null) {
                throw inputs.invalid("option 'reconcileDelay'", configuration.getReconcileDelay(), "is for event mode"
                                     + " (notifications); allowed: 0 here, where every poll lists the bucket (see delay)");
            }
            return new Settings(inputs, bucket, prefix, move || delete, destinationBucket, destinationPrefix,
                                configuration.getMaxMessagesPerPoll(), configuration.getMinAge(), include, exclude,
                                notifications, configuration.getReconcileDelay());
        }

        /** Whether the key passes include and exclude. */
        boolean selects(String key) {
            return (include == null || include.matcher(key).matches()) && (exclude == null || !exclude.matcher(key).matches());
        }

        /** What the listing itself needs, for an AccessDenied on it. */
        List<IamGrant> listingGrants() {
            return Trays3Operation.newObjects.grants(inputs).stream().filter(g -> g.scope() == IamGrant.Scope.BUCKET)
                    .toList();
        }

        private static Pattern pattern(OperationInputs inputs, String option, String regex) {
            if (regex == null || regex.isEmpty()) {
                return null;
            }
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw inputs.invalid("option '" + option + "'", regex, "is not a regular expression ("
                                     + e.getDescription() + "); allowed: a Java regular expression matched against the"
                                     + " whole key");
            }
        }

        private static void atLeastZero(OperationInputs inputs, String option, long value) {
            if (value < 0) {
                throw inputs.invalid("option '" + option + "'", value, "is negative; allowed: 0 or more");
            }
        }
    }
}
