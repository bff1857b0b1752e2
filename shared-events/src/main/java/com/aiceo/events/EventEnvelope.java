package com.aiceo.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every event and command travels in.
 *
 * @param id          unique event id; consumers de-duplicate by it
 * @param type        dotted event type, e.g. {@code crm.lead.created}
 * @param version     payload schema version of that type (evolved additively)
 * @param orgId       the organization the event belongs to; {@code null} only for platform-wide events (ticks)
 * @param occurredAt  when the change happened (UTC)
 * @param traceparent W3C trace context of the request that caused it, when known
 * @param payload     the typed payload record
 */
public record EventEnvelope<P>(UUID id, String type, int version, UUID orgId, Instant occurredAt,
                               String traceparent, P payload) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new envelope for a payload whose type is registered in {@link EventCatalog}. */
    public static <P extends Event> EventEnvelope<P> of(UUID orgId, P payload) {
        return of(orgId, payload, null);
    }

    public static <P extends Event> EventEnvelope<P> of(UUID orgId, P payload, String traceparent) {
        EventType<?> type = EventCatalog.typeOf(payload.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.name(), type.version(), orgId, Instant.now(),
                traceparent, payload);
    }

    /** The topic this envelope's type is published on. */
    public Topic<?> topic() {
        return EventCatalog.type(type).topic();
    }

    /** The Kafka key: the organization id, or the payload's own key for platform-wide events. */
    public String key() {
        if (payload instanceof Keyed keyed) {
            return keyed.key();
        }
        return orgId == null ? null : orgId.toString();
    }
}
