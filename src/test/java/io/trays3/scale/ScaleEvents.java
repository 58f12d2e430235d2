package io.trays3.scale;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The event side of the scale-out run: S3 event notifications as AWS S3 writes them, published to a Kafka topic the way
 * a bridge from S3 (through SQS or EventBridge) would, and the camel-kafka consumer URI the instances read them with.
 */
final class ScaleEvents {

    private ScaleEvents() {
    }

    /**
     * The notifications endpoint of the instances: one consumer group; offsets committed by the Kafka client's auto-commit,
     * which commits in {@code poll()} only what the previous polls returned (camel-kafka processes each record in the
     * polling thread before it polls again), and on a rebalance; {@code breakOnFirstError} so that a notification that
     * failed is read again rather than committed past; {@code autoOffsetReset=earliest} so that a partition without a
     * committed offset (a new group, or a dead member that committed nothing yet) is read from its start, not its end.
     * {@code sessionTimeoutMs} is how soon the group notices a dead member; {@code maxPollRecords} bounds the batch a
     * rebalance waits for.
     */
    static String consumerUri(String topic, String brokers, String groupId) {
        return "kafka:" + topic + "?brokers=" + brokers + "&groupId=" + groupId + "&autoOffsetReset=earliest"
               + "&breakOnFirstError=true&sessionTimeoutMs=10000&maxPollRecords=50";
    }

    /**
     * Publishes one ObjectCreated:Put notification per object to the topic, spread evenly over its partitions; returns
     * once the broker acknowledged every one (or throws), so that an object missing later is the consumers'.
     */
    static void publish(String brokers, String topic, int partitions, String bucket, Map<String, String> eTags)
            throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // a first run had the idempotent producer's first batch to a just-created partition refused for good
        // (OutOfOrderSequenceException) while later ones were appended; one request at a time keeps the order without it
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                                                                          new StringSerializer())) {
            // every partition has a leader before the first record
            long deadline = System.currentTimeMillis() + 60_000;
            while (producer.partitionsFor(topic).stream().anyMatch(partition -> partition.leader() == null)
                   || producer.partitionsFor(topic).size() < partitions) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the partitions of " + topic + " have no leader after 60 s");
                }
                Thread.sleep(100);
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, String> object : eTags.entrySet()) {
                String key = object.getKey();
                sent.add(producer.send(new ProducerRecord<>(topic, i % partitions, key,
                        notification(bucket, key, object.getValue(), key.length(), i))));
                i++;
            }
            for (Future<RecordMetadata> record : sent) {
                record.get();
            }
        }
    }

    /** One S3 event notification of one created object, in the format of AWS S3 (key URL-encoded, ETag unquoted). */
    static String notification(String bucket, String key, String eTag, long size, long sequence) {
        String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return String.format(Locale.ROOT, "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                + "\"awsRegion\":\"us-east-1\",\"eventTime\":\"%s\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"%s\",\"arn\":\"arn:aws:s3:::%s\"},"
                + "\"object\":{\"key\":\"%s\",\"size\":%d,\"eTag\":\"%s\",\"sequencer\":\"%016X\"}}}]}",
                Instant.now(), bucket, bucket, encodedKey, size, eTag.replace("\"", ""), sequence);
    }
}
