package com.aiceo.events.consumer;

import com.aiceo.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in
 * {@code processed_event} in the same transaction as the effect, so a redelivered event finds its id
 * and changes nothing, and a failed effect records nothing (the retry runs it again).
 *
 * <pre>{@code
 * @KafkaListener(id = "agentic-read-model", topics = "crm.events")
 * Mono<Void> on(EventEnvelope<?> event) {
 *     return consumer.apply("agentic-read-model", event, () -> readModel.apply(event));
 * }
 * }</pre>
 */
public class IdempotentConsumer {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final MeterRegistry meters;

    public IdempotentConsumer(DatabaseClient db, TransactionalOperator tx, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.meters = meters;
    }

    /**
     * @return {@code true} when the effect ran, {@code false} when the event had been processed before
     */
    public Mono<Boolean> apply(String consumerId, EventEnvelope<?> event, Supplier<? extends Mono<?>> effect) {
        Mono<Boolean> once = db.sql("""
                        INSERT INTO processed_event (consumer_id, event_id) VALUES (:consumer, :id)
                        ON CONFLICT DO NOTHING""")
                .bind("consumer", consumerId)
                .bind("id", event.id())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0
                        ? Mono.just(false)
                        : Mono.defer(effect).then(Mono.just(true)));
        return tx.transactional(once)
                .doOnNext(applied -> meters.counter("events.consumed", "consumer", consumerId,
                        "outcome", applied ? "applied" : "duplicate").increment());
    }

    /** Forgets ids older than the retention (far longer than any redelivery window). */
    public Mono<Long> purgeOlderThan(Duration retention) {
        return db.sql("DELETE FROM processed_event WHERE processed_at < now() - make_interval(secs => :secs)")
                .bind("secs", (double) retention.toSeconds())
                .fetch().rowsUpdated();
    }
}
