package com.aiceo.auth;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads auth.events from the real broker, from the beginning, until an organization's events satisfy a check. */
final class AuthEvents {

    private AuthEvents() {
    }

    /** Waits (up to 30 s) until the records keyed by {@code orgId}, in topic order, satisfy {@code check}. */
    static void awaitFor(String bootstrap, UUID orgId, Consumer<List<ConsumerRecord<String, String>>> check) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("auth.events"));
            List<ConsumerRecord<String, String>> ours = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orgId.toString().equals(r.key())) {
                        ours.add(r);
                    }
                });
                check.accept(ours);
            });
        }
    }

    /** The envelope's type, read without a JSON library: {@code "type":"auth.x.y"}. */
    static String typeOf(ConsumerRecord<String, String> record) {
        var m = java.util.regex.Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"").matcher(record.value());
        return m.find() ? m.group(1) : null;
    }
}
