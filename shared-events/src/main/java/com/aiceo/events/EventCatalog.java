package com.aiceo.events;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type, derived from the sealed payload interfaces of {@link Topics#ALL}: adding a
 * record to a topic's sealed interface registers it; a record without {@link EventName}, or two
 * records with one name, fail at class initialisation (and so in every test).
 */
public final class EventCatalog {

    private static final Map<String, EventType<?>> BY_NAME;
    private static final Map<Class<?>, EventType<?>> BY_CLASS;

    static {
        Map<String, EventType<?>> byName = new LinkedHashMap<>();
        Map<Class<?>, EventType<?>> byClass = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.ALL) {
            register(topic, byName, byClass);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventCatalog() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(Topic<?> topic, Map<String, EventType<?>> byName,
                                 Map<Class<?>, EventType<?>> byClass) {
        Class<?>[] permitted = topic.payloadType().getPermittedSubclasses();
        if (permitted == null || permitted.length == 0) {
            throw new IllegalStateException(topic.payloadType() + " must be a sealed interface with payload records");
        }
        for (Class<?> payload : permitted) {
            EventName name = payload.getAnnotation(EventName.class);
            if (name == null || !payload.isRecord()) {
                throw new IllegalStateException(payload + " must be a record annotated with @EventName");
            }
            EventType<?> type = new EventType(name.value(), name.version(), payload, topic);
            if (byName.putIfAbsent(name.value(), type) != null) {
                throw new IllegalStateException("duplicate event type " + name.value());
            }
            byClass.put(payload, type);
        }
    }

    public static Collection<EventType<?>> all() {
        return BY_NAME.values();
    }

    public static Optional<EventType<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType<?> type(String name) {
        return find(name).orElseThrow(() -> new UnknownEventTypeException(name));
    }

    public static EventType<?> typeOf(Class<?> payloadClass) {
        EventType<?> type = BY_CLASS.get(payloadClass);
        if (type == null) {
            throw new UnknownEventTypeException(payloadClass.getName());
        }
        return type;
    }

    /** Thrown for a type name or class that is not in the catalog. */
    public static class UnknownEventTypeException extends IllegalArgumentException {
        public UnknownEventTypeException(String what) {
            super("unknown event type: " + what);
        }
    }
}
