package com.aiceo.events.consumer;

import com.aiceo.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies an event's effect at most once per consumer: the event id is recorded in
 * {@code processed_event} in the same transaction as the effect, so a redelivered event finds its id
 * and changes nothing, and a failed effect records nothing (the retry runs it again).
 *
 * <p>Listeners normally use {@link EventListeners#process}, which applies a whole poll batch in one
 * transaction through {@link #applyAll} (one commit for many events) and isolates a failing event.
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
        return applyAll(consumerId, List.of(event), e -> effect.get()).map(n -> n == 1);
    }

    /**
     * Applies the events, in order, in ONE transaction: the ids not seen before are recorded and their
     * effects run; already-processed ids (and repeats within the list) are skipped. If an effect fails,
     * nothing of the batch is kept and the error is a {@link EffectFailedException} naming the index.
     *
     * @return how many effects ran
     */
    public Mono<Integer> applyAll(String consumerId, List<? extends EventEnvelope<?>> events,
                                  Function<EventEnvelope<?>, ? extends Mono<?>> effect) {
        if (events.isEmpty()) {
            return Mono.just(0);
        }
        UUID[] ids = events.stream().map(EventEnvelope::id).toArray(UUID[]::new);
        Mono<Integer> batch = db.sql("""
                        INSERT INTO processed_event (consumer_id, event_id)
                        SELECT :consumer, id FROM unnest(:ids::uuid[]) AS t(id)
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .bind("consumer", consumerId)
                .bind("ids", ids)
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(HashSet<UUID>::new, Set::add)
                .flatMap(fresh -> Flux.range(0, events.size())
                        .concatMap(i -> {
                            EventEnvelope<?> event = events.get(i);
                            if (!fresh.remove(event.id())) {
                                return Mono.just(0);
                            }
                            return Mono.defer(() -> effect.apply(event))
                                    .onErrorMap(e -> new EffectFailedException(i, e))
                                    .thenReturn(1);
                        })
                        .reduce(0, Integer::sum));
        return tx.transactional(batch).doOnNext(applied -> {
            meters.counter("events.consumed", "consumer", consumerId, "outcome", "applied").increment(applied);
            meters.counter("events.consumed", "consumer", consumerId, "outcome", "duplicate")
                    .increment(events.size() - applied);
        });
    }

    /** Forgets ids older than the retention (far longer than any redelivery window). */
    public Mono<Long> purgeOlderThan(Duration retention) {
        return db.sql("DELETE FROM processed_event WHERE processed_at < now() - make_interval(secs => :secs)")
                .bind("secs", (double) retention.toSeconds())
                .fetch().rowsUpdated();
    }

    /** The effect of the event at {@code index} failed; the whole batch was rolled back. */
    public static class EffectFailedException extends RuntimeException {
        private final int index;

        public EffectFailedException(int index, Throwable cause) {
            super("effect of event #" + index + " failed: " + cause.getMessage(), cause);
            this.index = index;
        }

        public int index() {
            return index;
        }
    }
}
