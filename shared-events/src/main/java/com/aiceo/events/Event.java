package com.aiceo.events;

/**
 * Marker for every payload record. Each topic has a sealed sub-interface listing exactly the
 * payloads that may travel on it; {@link EventCatalog} is built from those sealed hierarchies.
 */
public interface Event {
}
