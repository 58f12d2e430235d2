package io.trays3.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reports at most once per interval, with done, total, percent, rate and ETA; a fake clock, no sleeps. */
class ProgressMeterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1000 * SECOND);
    private final List<Progress> reports = new ArrayList<>();

    @Test
    void reportsAtMostOncePerIntervalAndOnceAtTheEnd() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        ProgressMeter meter = new ProgressMeter("getObject", "s3://b/k", Progress.Unit.BYTES, 100_000_000, 5000, now::get,
                                                exchange, reports::add);

        meter.advance(10_000_000);
        now.addAndGet(4 * SECOND);
        meter.advance(10_000_000);
        assertThat(reports).as("nothing before one interval").isEmpty();

        now.addAndGet(SECOND);
        meter.advance(5_000_000);
        now.addAndGet(SECOND);
        meter.advance(5_000_000);
        assertThat(reports).hasSize(1);
        Progress first = reports.get(0);
        assertThat(first.done()).isEqualTo(25_000_000);
        assertThat(first.percent()).isEqualTo(25.0);
        assertThat(first.perSecond()).isEqualTo(5_000_000.0);
        assertThat(first.etaSeconds()).isEqualTo(15);
        assertThat(first).hasToString("trays3 getObject s3://b/k: 25.0 of 100.0 MB (25.0 %), 5.0 MB/s, ETA 15 s");

        now.addAndGet(3 * SECOND);
        meter.advance(40_000_000);
        assertThat(reports).as("4 s after the last report").hasSize(1);
        now.addAndGet(SECOND);
        meter.advance(30_000_000);
        assertThat(reports).hasSize(2);
        meter.finish();
        meter.finish();
        assertThat(reports).hasSize(3);
        assertThat(reports.get(2).finished()).isTrue();
        assertThat(reports.get(2)).hasToString("trays3 getObject s3://b/k done: 100.0 of 100.0 MB (100.0 %), 10.0 MB/s in"
                                               + " 10.0 s");
        assertThat(exchange.getProperty(ProgressMeter.PROPERTY)).isEqualTo(reports.get(2));
    }

    @Test
    void keysOfUnknownTotalHaveNoPercentNorEta() {
        ProgressMeter meter = new ProgressMeter("listBucketObjects", "s3://b", Progress.Unit.KEYS, -1, 5000, now::get, null,
                                                reports::add);

        now.addAndGet(5 * SECOND);
        meter.advance(20_000);

        assertThat(reports).singleElement().satisfies(p -> {
            assertThat(p.percent()).isEqualTo(-1);
            assertThat(p.etaSeconds()).isEqualTo(-1);
            assertThat(p).hasToString("trays3 listBucketObjects s3://b: 20000 keys, 4000 keys/s");
        });
    }
}
