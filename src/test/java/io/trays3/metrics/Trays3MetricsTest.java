package io.trays3.metrics;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.trays3.Trays3Component;
import io.trays3.Trays3Constants;
import io.trays3.Trays3ServiceException;
import io.trays3.support.S3TestSupport;
import io.trays3.support.TestBytes;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the component counts, against the S3 server: requests, errors by code, bytes, transfers in flight, cost. */
class Trays3MetricsTest extends S3TestSupport {

    private final AtomicReference<List<Transfer>> inFlightWhileReading = new AtomicReference<>();

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read").to("trays3:getObject")
                        .process(e -> inFlightWhileReading.set(metrics().transfers()))
                        .convertBodyTo(String.class);
            }
        };
    }

    private Trays3Metrics metrics() {
        return context.getComponent("trays3", Trays3Component.class).getMetrics();
    }

    @Test
    void countsEachRequestByOperationAndBucketWithErrorsByCode() {
        List<Trays3MetricsListener.RequestRecord> heard = new ArrayList<>();
        metrics().addListener(new Trays3MetricsListener() {
            @Override
            public void request(RequestRecord request) {
                heard.add(request);
            }
        });

        call("trays3:putObjectText?bucket=" + bucket + "&key=a.txt", "hello", Map.of());
        call("trays3:headObject?bucket=" + bucket + "&key=a.txt");
        failure(Trays3ServiceException.class, "trays3:headObject?bucket=" + bucket + "&key=missing.txt", null, Map.of());

        Map<Trays3Metrics.Series, Trays3Metrics.Snapshot> series = metrics().series();
        Trays3Metrics.Snapshot put = series.get(new Trays3Metrics.Series("putObjectText", bucket));
        Trays3Metrics.Snapshot head = series.get(new Trays3Metrics.Series("headObject", bucket));
        assertThat(put.requests()).isEqualTo(1);
        assertThat(put.byRequest()).isEqualTo(Map.of("PutObject", 1L));
        assertThat(put.bytesUp()).isEqualTo(5);
        assertThat(put.errors()).isEmpty();
        assertThat(head.requests()).isEqualTo(2);
        assertThat(head.errorCount()).isEqualTo(1);
        assertThat(head.errors().keySet()).as("the SDK names a HEAD's 404 NoSuchKey").singleElement()
                .isIn("NotFound", "NoSuchKey");
        assertThat(head.seconds()).isPositive();
        assertThat(heard).extracting(Trays3MetricsListener.RequestRecord::outcome).containsExactly("success", "success",
                                                                                                   "error");
        assertThat(heard.get(2).requestClass()).isEqualTo(RequestClass.GET_HEAD);
    }

    @Test
    void aDownloadIsATransferInFlightUntilReadAndItsBytesCostTransferOut() {
        byte[] content = TestBytes.random(600_000, 7);
        s3.putObject(p -> p.bucket(bucket).key("big.bin"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));

        String read = template.requestBodyAndHeaders("direct:read", null,
                Map.of(Trays3Constants.BUCKET, bucket, Trays3Constants.KEY, "big.bin"), String.class);

        assertThat(read).isNotNull();
        assertThat(inFlightWhileReading.get()).singleElement().satisfies(t -> {
            assertThat(t.operation()).isEqualTo("getObject");
            assertThat(t.direction()).isEqualTo(Direction.DOWN);
            assertThat(t.total()).isEqualTo(content.length);
            assertThat(t.key()).isEqualTo("big.bin");
        });
        assertThat(metrics().transfers()).as("after the exchange").isEmpty();
        Trays3Metrics.Snapshot get = metrics().series().get(new Trays3Metrics.Series("getObject", bucket));
        assertThat(get.bytesDown()).isEqualTo(content.length);
        double transferOut = 0.09 * content.length / (1024d * 1024 * 1024);
        assertThat(metrics().cost(bucket, "us-east-1", PriceTable.TRANSFER_OUT)).isCloseTo(transferOut, within(1e-15));
        assertThat(metrics().cost(bucket, "us-east-1", "get-head")).isCloseTo(0.0000004, within(1e-15));
    }

    @Test
    void aStreamUploadedInPartsCountsEveryRequestAndItsBytes() {
        byte[] content = TestBytes.random(9 * TestBytes.MIB, 9);

        call("trays3:putObjectFile?bucket=" + bucket + "&key=parts.bin", new ByteArrayInputStream(content), Map.of());

        Trays3Metrics.Snapshot put = metrics().series().get(new Trays3Metrics.Series("putObjectFile", bucket));
        assertThat(put.byRequest()).isEqualTo(Map.of("CreateMultipartUpload", 1L, "UploadPart", 2L,
                                                     "CompleteMultipartUpload", 1L));
        assertThat(put.bytesUp()).isEqualTo(content.length);
        assertThat(put.costUsd()).isCloseTo(4 * 0.000005, within(1e-15));
        assertThat(metrics().transfers()).isEmpty();
    }
}
