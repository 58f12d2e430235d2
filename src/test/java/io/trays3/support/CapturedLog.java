package io.trays3.support;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** Keeps every event that reaches the logger it is attached to, safe to read while Camel threads log. */
public final class CapturedLog extends AppenderBase<ILoggingEvent> {

    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** {@code logger: message} of the events at {@code level} or above. */
    public List<String> events(Level level) {
        return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(level))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }

    /** The events that carry a stack trace. */
    public List<String> withStackTrace() {
        return events.stream().filter(e -> e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    }

    /** Every message, formatted. */
    public List<String> messages() {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The messages of one logger, formatted. */
    public List<String> messages(String loggerName) {
        return events.stream().filter(e -> e.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
