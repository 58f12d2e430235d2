package io.trays3.app;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.trays3.SecretMasking;

/**
 * A logback encoder that writes what a {@code PatternLayoutEncoder} with the same {@code <pattern>} writes, with every
 * secret masked ({@link SecretMasking#maskSecrets(String)}): the whole line, stack traces included.
 */
public class SecretMaskingEncoder extends LayoutWrappingEncoder<ILoggingEvent> {

    private String pattern;

    /** The layout pattern, as a {@code PatternLayoutEncoder}'s. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** The layout pattern. */
    public String getPattern() {
        return pattern;
    }

    @Override
    public void start() {
        PatternLayout masking = new PatternLayout() {
            @Override
            public String doLayout(ILoggingEvent event) {
                return SecretMasking.maskSecrets(super.doLayout(event));
            }
        };
        masking.setContext(getContext());
        masking.setPattern(pattern);
        masking.start();
        setLayout(masking);
        super.start();
    }
}
