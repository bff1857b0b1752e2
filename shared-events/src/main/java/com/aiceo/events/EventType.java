package com.aiceo.events;

/** One registered event type: its name, version, payload record and the topic it travels on. */
public record EventType<P extends Event>(String name, int version, Class<P> payloadType, Topic<? super P> topic) {
}
