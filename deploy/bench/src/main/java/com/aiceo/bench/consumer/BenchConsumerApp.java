package com.aiceo.bench.consumer;

import com.aiceo.bench.Latencies;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.consumer.EventListeners;
import com.aiceo.events.consumer.IdempotentConsumer;
import com.aiceo.events.tasks.TaskEvent;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The consuming side: applies each event once (idempotent consumer + a row) and notes when. */
@SpringBootApplication
public class BenchConsumerApp {

    @Component
    public static class Applier {
        private final IdempotentConsumer consumer;
        private final DatabaseClient db;

        Applier(IdempotentConsumer consumer, DatabaseClient db) {
            this.consumer = consumer;
            this.db = db;
        }

        @KafkaListener(id = "bench-consumer", topics = "tasks.events", batch = "true")
        void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
            EventListeners.process(consumer, "bench-consumer", records, this::apply);
            records.forEach(r -> Latencies.applied(r.value().id(), r.timestamp()));
        }

        private Mono<Void> apply(EventEnvelope<?> event) {
            if (!(event.payload() instanceof TaskEvent.TaskStarted started)) {
                return Mono.empty();
            }
            return db.sql("INSERT INTO bench_applied (event_id, org_id, seq) VALUES (:e, :o, :s)")
                    .bind("e", event.id()).bind("o", event.orgId()).bind("s", started.attempt())
                    .fetch().rowsUpdated().then();
        }
    }
}
