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

    /** Batch sizes and apply times of the consumer, for the report. */
    public static final Stats STATS = new Stats();

    public static final class Stats {
        public final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder records = new java.util.concurrent.atomic.LongAdder();
        public final java.util.concurrent.atomic.LongAdder nanos = new java.util.concurrent.atomic.LongAdder();

        void add(int n, long ns) {
            batches.increment();
            records.add(n);
            nanos.add(ns);
        }

        public String reset() {
            long b = batches.sumThenReset();
            long r = records.sumThenReset();
            long ns = nanos.sumThenReset();
            return b == 0 ? "no batches" : String.format("%d batches, %.1f records/batch, %.2f ms/batch, %.3f ms/record",
                    b, (double) r / b, ns / 1e6 / b, ns / 1e6 / Math.max(1, r));
        }
    }

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
            long t0 = System.nanoTime();
            EventListeners.process(consumer, "bench-consumer", records, this::apply);
            STATS.add(records.size(), System.nanoTime() - t0);
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
