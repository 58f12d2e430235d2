package io.trays3.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.trays3.Trays3Component;
import io.trays3.support.Eventually;
import io.trays3.support.S3TestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event mode through a real Kafka consumer group: two Camel contexts (standing in for two instances) consume one topic
 * of a KRaft broker in one group, with the recommended consumer options and one shared repository; every object whose
 * notification was published is delivered once, and both instances take a share.
 */
class KafkaConsumerGroupTest extends S3TestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int OBJECTS = 40;
    private static final int PARTITIONS = 4;
    private static ScaleKafka kafka;

    private final Map<String, Map<String, Integer>> deliveries = new ConcurrentHashMap<>();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = ScaleKafka.start(Path.of("target", "kafka-consumer-group-test"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private void consume(CamelContext instance, String name, String notifications, IdempotentRepository shared)
            throws Exception {
        instance.getRegistry().bind("seen", shared);
        instance.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("trays3:newObjects?bucket=" + bucket + "&idempotentRepository=#seen&notifications=RAW(" + notifications
                     + ")")
                        .process(exchange -> deliveries.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                                .merge(exchange.getMessage().getHeader("CamelTrays3Key", String.class), 1, Integer::sum));
            }
        });
    }

    @Test
    void twoInstancesInOneGroupShareTheNotificationsAndDeliverEachObjectOnce() throws Exception {
        String topic = "group-test-" + bucket;
        ScaleKafka.createTopic(kafka.bootstrapServers(), topic, PARTITIONS);
        String group = "trays3-" + bucket;
        String notifications = ScaleEvents.consumerUri(topic, kafka.bootstrapServers(), group);
        IdempotentRepository shared = MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>());
        CamelContext second = new DefaultCamelContext();
        Trays3Component component = new Trays3Component();
        target.configure(component.getConfiguration());
        second.addComponent("trays3", component);
        try {
            consume(context, "first", notifications, shared);
            consume(second, "second", notifications, shared);
            second.start();
            // both members hold partitions before anything is published, so that both must take a share
            try (Admin admin = kafka.admin()) {
                Eventually.until(WAIT, "two members of " + group + " with partitions each", () -> {
                    ConsumerGroupDescription description = describe(admin, group);
                    return description.members().size() == 2
                           && description.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
                });
            }
            Map<String, String> eTags = new LinkedHashMap<>();
            for (int i = 0; i < OBJECTS; i++) {
                String key = "in/object " + i + ".txt";
                eTags.put(key, s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key)).eTag());
            }
            ScaleEvents.publish(kafka.bootstrapServers(), topic, PARTITIONS, bucket, eTags);
            // each notification once more: the repository drops what a source delivers twice
            ScaleEvents.publish(kafka.bootstrapServers(), topic, PARTITIONS, bucket, eTags);

            Eventually.until(WAIT, "every object delivered", () -> delivered().size() >= OBJECTS);
            // and every duplicate read too (the group committed past both passes), so that "once" below is not early
            try (Admin admin = kafka.admin()) {
                Eventually.until(WAIT, "both passes of notifications read and committed by " + group,
                                 () -> committed(admin, group) == 2L * OBJECTS);
            }
            assertThat(delivered()).containsOnlyKeys(eTags.keySet());
            assertThat(delivered()).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
            assertThat(deliveries.get("first")).as("first instance").isNotEmpty();
            assertThat(deliveries.get("second")).as("second instance").isNotEmpty();
        } finally {
            second.stop();
        }
    }

    private static ConsumerGroupDescription describe(Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        } catch (Exception e) {
            throw new IllegalStateException("could not describe " + group, e);
        }
    }

    /** The offsets the group has committed, summed over the topic's partitions: how many records it has read. */
    private static long committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).values()
                    .stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the offsets of " + group, e);
        }
    }

    private Map<String, Integer> delivered() {
        Map<String, Integer> all = new LinkedHashMap<>();
        deliveries.values().forEach(one -> one.forEach((key, times) -> all.merge(key, times, Integer::sum)));
        return all;
    }
}
