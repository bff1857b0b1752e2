package com.aiceo.ai.support;

import static org.awaitility.Awaitility.await;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.infra.TestInfrastructure;
import com.aiceo.testsupport.TopicRecords;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads ai.events from the real broker and sends commands to ai.commands, as other services would. */
public final class AiEvents {

    private AiEvents() {
    }

    /** Waits (up to 30 s) until the events of {@code orgId} on ai.events, in order, satisfy {@code check}. */
    public static void awaitFor(UUID orgId, Consumer<List<EventEnvelope<?>>> check) {
        TopicRecords.awaitFor(TestInfrastructure.kafka().bootstrapServers(), "ai.events", orgId.toString(),
                records -> check.accept(records.stream().<EventEnvelope<?>>map(r -> EventJson.read(r.value())).toList()));
    }

    /** Sends envelopes to ai.commands (key = org), in order, and waits for the broker's acks. */
    public static void send(EventEnvelope<?>... envelopes) {
        String[] keysAndValues = new String[envelopes.length * 2];
        for (int i = 0; i < envelopes.length; i++) {
            keysAndValues[2 * i] = envelopes[i].orgId().toString();
            keysAndValues[2 * i + 1] = EventJson.write(envelopes[i]);
        }
        TopicRecords.send(TestInfrastructure.kafka().bootstrapServers(), "ai.commands", keysAndValues);
    }
}
