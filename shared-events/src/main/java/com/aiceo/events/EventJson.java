package com.aiceo.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of envelopes on the wire and in the outbox. Unknown fields are ignored
 * (events evolve additively); a known type whose payload does not bind is an error; an unknown type
 * is kept as a raw {@link JsonNode} payload so a consumer can skip it.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String write(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    public static byte[] writeBytes(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsBytes(envelope);
    }

    public static EventEnvelope<?> read(String json) {
        return fromTree(MAPPER.readTree(json));
    }

    public static EventEnvelope<?> read(byte[] json) {
        return fromTree(MAPPER.readTree(json));
    }

    private static EventEnvelope<?> fromTree(JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            throw new MalformedEventException("event is not a JSON object");
        }
        String type = text(obj, "type");
        JsonNode payloadNode = obj.get("payload");
        if (payloadNode == null || payloadNode.isNull()) {
            throw new MalformedEventException("event has no payload");
        }
        Object payload = EventCatalog.find(type)
                .<Object>map(t -> MAPPER.treeToValue(payloadNode, t.payloadType()))
                .orElse(payloadNode);
        JsonNode version = obj.get("version");
        JsonNode org = obj.get("orgId");
        JsonNode trace = obj.get("traceparent");
        try {
            return new EventEnvelope<>(UUID.fromString(text(obj, "id")), type,
                    version == null ? 1 : version.asInt(),
                    org == null || org.isNull() ? null : UUID.fromString(org.asString()),
                    Instant.parse(text(obj, "occurredAt")),
                    trace == null || trace.isNull() ? null : trace.asString(),
                    payload);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new MalformedEventException("malformed envelope: " + e.getMessage());
        }
    }

    private static String text(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || !v.isString()) {
            throw new MalformedEventException("event has no " + field);
        }
        return v.asString();
    }

    /** An envelope that cannot be read: never retried, sent straight to the dead-letter topic. */
    public static class MalformedEventException extends IllegalArgumentException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
