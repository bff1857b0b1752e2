package com.aiceo.events.kafka;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the platform's JSON into an {@link EventEnvelope} with its typed payload. Wrapped in
 * spring-kafka's {@code ErrorHandlingDeserializer}, so a record it cannot read goes straight to the
 * dead-letter topic instead of blocking the partition.
 */
public class EnvelopeDeserializer implements Deserializer<EventEnvelope<?>> {

    @Override
    public EventEnvelope<?> deserialize(String topic, byte[] data) {
        if (data == null) {
            throw new EventJson.MalformedEventException("empty record (tombstone) on " + topic);
        }
        try {
            return EventJson.read(data);
        } catch (EventJson.MalformedEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventJson.MalformedEventException("unreadable event on " + topic + ": " + e.getMessage());
        }
    }
}
