package com.aiceo.bench.producer;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.events.outbox.Outbox;
import com.aiceo.events.tasks.TaskEvent;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The producing side: the same domain write, published through the outbox or by dual write. */
@SpringBootApplication
public class BenchProducerApp {

    @Service
    public static class Orders {
        private final DatabaseClient db;
        private final Outbox outbox;
        private final TransactionalOperator tx;
        private final KafkaTemplate<Object, Object> kafka;

        Orders(DatabaseClient db, Outbox outbox, TransactionalOperator tx, KafkaTemplate<Object, Object> kafka) {
            this.db = db;
            this.outbox = outbox;
            this.tx = tx;
            this.kafka = kafka;
        }

        private Mono<Long> insert(UUID id, UUID org, int seq) {
            return db.sql("INSERT INTO bench_order (id, org_id, seq) VALUES (:id, :org, :seq)")
                    .bind("id", id).bind("org", org).bind("seq", seq).fetch().rowsUpdated();
        }

        /** The platform's way: row + outbox row in one transaction; the relay publishes after commit. */
        public Mono<UUID> viaOutbox(UUID org, int seq) {
            UUID id = UUID.randomUUID();
            return tx.transactional(insert(id, org, seq)
                    .then(outbox.append(org, new TaskEvent.TaskStarted(id, "bench", seq)))
                    .map(EventEnvelope::id));
        }

        /** The unsafe way, for comparison: commit the row, then send to Kafka and wait for the ack. */
        public Mono<UUID> dualWrite(UUID org, int seq) {
            UUID id = UUID.randomUUID();
            EventEnvelope<?> event = EventEnvelope.of(org, new TaskEvent.TaskStarted(id, "bench", seq));
            return insert(id, org, seq)
                    .then(Mono.fromFuture(() -> kafka.send(new ProducerRecord<>("tasks.events", org.toString(),
                            EventJson.write(event)))))
                    .thenReturn(event.id());
        }

        public Mono<Long> backlog() {
            return db.sql("SELECT count(*) AS n FROM outbox_event").map(r -> r.get("n", Long.class)).one();
        }
    }
}
