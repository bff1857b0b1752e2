package com.aiceo.events.backbone.consumer;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.consumer.EventListeners;
import com.aiceo.events.consumer.IdempotentConsumer;
import com.aiceo.events.tasks.TaskEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A stand-in consuming service: applies each tasks.events event once (a row in applied_event).
 * An event whose seq is negative fails its effect every time (a handler bug); seq {@link #OUTAGE} meets
 * an infrastructure failure five times, then succeeds.
 */
@SpringBootApplication
public class ConsumerApp {

    public static final int OUTAGE = -1000;

    @Component
    public static class Ledger {
        public final AtomicInteger failingAttempts = new AtomicInteger();
        public final AtomicInteger outageAttempts = new AtomicInteger();
        private final IdempotentConsumer consumer;
        private final DatabaseClient db;

        Ledger(IdempotentConsumer consumer, DatabaseClient db) {
            this.consumer = consumer;
            this.db = db;
        }

        @KafkaListener(id = "ledger", topics = "tasks.events", batch = "true")
        void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
            EventListeners.process(consumer, "ledger", records, this::apply);
        }

        private Mono<Void> apply(EventEnvelope<?> event) {
            if (!(event.payload() instanceof TaskEvent.TaskStarted started)) {
                return Mono.empty();
            }
            if (started.attempt() == OUTAGE && outageAttempts.incrementAndGet() <= 5) {
                // the database "away" for five attempts: more than the retries an event failure gets
                return Mono.error(new org.springframework.dao.DataAccessResourceFailureException("database away"));
            }
            if (started.attempt() < 0 && started.attempt() != OUTAGE) {
                failingAttempts.incrementAndGet();
                return Mono.error(new IllegalStateException("ledger effect failed for seq " + started.attempt()));
            }
            return db.sql("INSERT INTO applied_event (event_id, org_id, seq) VALUES (:e, :o, :s)")
                    .bind("e", event.id()).bind("o", event.orgId()).bind("s", started.attempt())
                    .fetch().rowsUpdated().then();
        }
    }
}
