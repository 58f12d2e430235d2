package io.trays3.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.trays3.Trays3Component;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the trays3 component's metrics to the MeterRegistry that camel-micrometer-prometheus binds when
 * {@code camel.metrics.enabled=true}, before the routes start, so {@code /observe/metrics} shows the trays3 series.
 */
public final class ObservabilityListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityListener.class);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            LOG.debug("No MeterRegistry (camel.metrics.enabled=false): trays3 metrics only in the dev console");
            return;
        }
        MicrometerBridge.bind(registry, context.getComponent("trays3", Trays3Component.class).getMetrics());
        LOG.debug("trays3 metrics published to {}", registry.getClass().getSimpleName());
    }
}
