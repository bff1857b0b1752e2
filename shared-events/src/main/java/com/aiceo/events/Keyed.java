package com.aiceo.events;

/** A payload that chooses its own Kafka key instead of the organization id (e.g. schedule ticks). */
public interface Keyed {
    String key();
}
