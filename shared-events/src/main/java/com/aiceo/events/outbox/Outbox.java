package com.aiceo.events.outbox;

import com.aiceo.events.Event;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

import java.util.UUID;

/**
 * Appends events to the service's outbox table. It must be called inside the reactive transaction
 * that makes the domain change, so that the change and its event commit (or roll back) together;
 * called outside one it fails rather than publish an event for a change that may not commit.
 * The {@link OutboxRelay} publishes the rows to Kafka after commit.
 */
public class Outbox {

    private final DatabaseClient db;
    private final CurrentTrace trace;

    public Outbox(DatabaseClient db, CurrentTrace trace) {
        this.db = db;
        this.trace = trace;
    }

    /**
     * Appends a new event for {@code orgId}, stamped with the current trace, and answers the envelope
     * it will travel in.
     */
    public <P extends Event> Mono<EventEnvelope<P>> append(UUID orgId, P payload) {
        return Mono.deferContextual(context -> {
            EventEnvelope<P> envelope = EventEnvelope.of(orgId, payload, trace.traceparent(context));
            return append(envelope).thenReturn(envelope);
        });
    }

    /**
     * Appends an event caused by another one (a consumer reacting to an event): it continues the
     * cause's trace, so the whole chain shows as one trace.
     */
    public <P extends Event> Mono<EventEnvelope<P>> appendCausedBy(EventEnvelope<?> cause, UUID orgId, P payload) {
        return Mono.defer(() -> {
            EventEnvelope<P> envelope = EventEnvelope.of(orgId, payload, cause.traceparent());
            return append(envelope).thenReturn(envelope);
        });
    }

    /** Appends a ready envelope (its type must be in the catalog). */
    public Mono<Void> append(EventEnvelope<?> envelope) {
        return requireTransaction().then(Mono.defer(() -> {
            String key = envelope.key();
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                            INSERT INTO outbox_event (event_id, topic, event_key, event_type, envelope, traceparent)
                            VALUES (:id, :topic, :key, :type, :envelope, :traceparent)""")
                    .bind("id", envelope.id())
                    .bind("topic", envelope.topic().name())
                    .bind("type", envelope.type())
                    .bind("envelope", EventJson.write(envelope));
            spec = key == null ? spec.bindNull("key", String.class) : spec.bind("key", key);
            spec = envelope.traceparent() == null ? spec.bindNull("traceparent", String.class)
                    : spec.bind("traceparent", envelope.traceparent());
            return spec.fetch().rowsUpdated().then();
        }));
    }

    /**
     * Appends many events of one organization in ONE statement, in list order (a CSV import creates
     * thousands of leads: a round trip per event made a 2,000-row import take seconds). Same rows as
     * {@link #append(EventEnvelope)}, same rule: only inside the transaction of the change.
     */
    public Mono<Void> appendAll(UUID orgId, java.util.List<? extends Event> payloads) {
        if (payloads.isEmpty()) {
            return Mono.empty();
        }
        return requireTransaction().then(Mono.deferContextual(context -> {
            String traceparent = trace.traceparent(context);
            java.util.List<EventEnvelope<?>> envelopes = payloads.stream()
                    .<EventEnvelope<?>>map(p -> EventEnvelope.of(orgId, p, traceparent)).toList();
            return db.sql("""
                            INSERT INTO outbox_event (event_id, topic, event_key, event_type, envelope, traceparent)
                            SELECT e.id, e.topic, e.key, e.type, e.envelope, e.traceparent
                            FROM unnest(:ids::uuid[], :topics::text[], :keys::text[], :types::text[],
                                        :envelopes::text[], :traceparents::text[])
                                 WITH ORDINALITY AS e(id, topic, key, type, envelope, traceparent, ord)
                            ORDER BY e.ord""")
                    .bind("ids", envelopes.stream().map(EventEnvelope::id).toArray(UUID[]::new))
                    .bind("topics", envelopes.stream().map(e -> e.topic().name()).toArray(String[]::new))
                    .bind("keys", envelopes.stream().map(EventEnvelope::key).toArray(String[]::new))
                    .bind("types", envelopes.stream().map(EventEnvelope::type).toArray(String[]::new))
                    .bind("envelopes", envelopes.stream().map(EventJson::write).toArray(String[]::new))
                    .bind("traceparents", envelopes.stream().map(EventEnvelope::traceparent).toArray(String[]::new))
                    .fetch().rowsUpdated().then();
        }));
    }

    private static Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Outbox.append must run inside the transaction of the domain change")))
                .onErrorMap(org.springframework.transaction.NoTransactionException.class,
                        e -> new IllegalStateException(
                                "Outbox.append must run inside the transaction of the domain change", e))
                .then();
    }
}
