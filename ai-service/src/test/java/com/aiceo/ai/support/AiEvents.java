package com.aiceo.ai.support;

import static org.awaitility.Awaitility.await;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.infra.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads ai.events from the real broker and sends commands to ai.commands, as other services would. */
public final class AiEvents {

    private AiEvents() {
    }

    /** Waits (up to 30 s) until the events of {@code orgId} on ai.events, in order, satisfy {@code check}. */
    public static void awaitFor(UUID orgId, Consumer<List<EventEnvelope<?>>> check) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "ai-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("ai.events"));
            List<EventEnvelope<?>> ours = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orgId.toString().equals(r.key())) {
                        ours.add(EventJson.read(r.value()));
                    }
                });
                check.accept(ours);
            });
        }
    }

    /** Sends envelopes to ai.commands (key = org), in order, and waits for the broker's acks. */
    public static void send(EventEnvelope<?>... envelopes) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (EventEnvelope<?> e : envelopes) {
                producer.send(new ProducerRecord<>("ai.commands", e.orgId().toString(), EventJson.write(e))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
