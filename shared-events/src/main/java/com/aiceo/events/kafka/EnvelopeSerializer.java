package com.aiceo.events.kafka;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/** Writes an {@link EventEnvelope} as the platform's JSON. */
public class EnvelopeSerializer implements Serializer<EventEnvelope<?>> {

    @Override
    public byte[] serialize(String topic, EventEnvelope<?> data) {
        return data == null ? null : EventJson.writeBytes(data);
    }
}
