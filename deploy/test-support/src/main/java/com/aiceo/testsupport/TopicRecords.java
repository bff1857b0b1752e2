package com.aiceo.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's view of a topic on the real broker, as another service would see it: read from the beginning
 * until the records of one key satisfy a check (waiting, never sleeping), or send records and wait for
 * the broker's acknowledgement.
 */
public final class TopicRecords {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    private TopicRecords() {
    }

    /** Waits (up to 30 s) until the records of {@code topic} keyed by {@code key}, in order, satisfy {@code check}. */
    public static void awaitFor(String bootstrap, String topic, String key,
            Consumer<List<ConsumerRecord<String, String>>> check) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> ours = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        ours.add(r);
                    }
                });
                check.accept(ours);
            });
        }
    }

    /** Sends {@code (key, value)} pairs to {@code topic}, in order, each acknowledged by the broker (acks=all). */
    public static void send(String bootstrap, String topic, String... keysAndValues) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
                producer.send(new ProducerRecord<>(topic, keysAndValues[i], keysAndValues[i + 1])).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + topic + " failed", e);
        }
    }

    /** The envelope's type, read without a JSON library: {@code "type":"crm.x.y"}. */
    public static String typeOf(ConsumerRecord<String, String> record) {
        Matcher m = TYPE.matcher(record.value());
        return m.find() ? m.group(1) : null;
    }
}
