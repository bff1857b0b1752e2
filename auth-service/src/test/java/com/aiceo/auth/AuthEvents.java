package com.aiceo.auth;

import com.aiceo.testsupport.TopicRecords;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads auth.events from the real broker, from the beginning, until an organization's events satisfy a check. */
final class AuthEvents {

    private AuthEvents() {
    }

    /** Waits (up to 30 s) until the records keyed by {@code orgId}, in topic order, satisfy {@code check}. */
    static void awaitFor(String bootstrap, UUID orgId, Consumer<List<ConsumerRecord<String, String>>> check) {
        TopicRecords.awaitFor(bootstrap, "auth.events", orgId.toString(), check);
    }

    /** The envelope's type: {@code "type":"auth.x.y"}. */
    static String typeOf(ConsumerRecord<String, String> record) {
        return TopicRecords.typeOf(record);
    }
}
