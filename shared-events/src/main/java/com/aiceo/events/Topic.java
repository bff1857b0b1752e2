package com.aiceo.events;

/**
 * A Kafka topic, paired with its key and its payload types.
 *
 * @param name        topic name
 * @param key         what the record key is
 * @param payloadType the sealed interface whose permitted records are this topic's payloads
 * @param kind        domain events (published by one owner) or commands (sent to one owner)
 * @param owner       the service that writes (events) or handles (commands) this topic
 */
public record Topic<P extends Event>(String name, Key key, Class<P> payloadType, Kind kind, String owner) {

    public enum Key {
        /** The organization id: each tenant's events stay in order. */
        ORG_ID,
        /** The payload's own key ({@link Keyed}), e.g. the minute of a tick. */
        PAYLOAD
    }

    public enum Kind { EVENTS, COMMANDS, TICKS }

    /** The dead-letter topic of one consumer group. */
    public static String deadLetterTopic(String consumerGroup) {
        return consumerGroup + ".dlt";
    }
}
