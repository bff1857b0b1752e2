package com.aiceo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Pins the JSON of every event type: a sample of each payload record, in its envelope, must
 * serialize exactly as its golden file (src/test/resources/golden/TYPE.json) and read back equal.
 * Renaming, removing or retyping a field breaks consumers, and breaks this test. Adding an event type
 * needs a new golden file: run once with {@code -Dgolden.update=true} and review the file.
 */
class GoldenEventsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final UUID ORG = UUID.fromString("00000000-0000-4000-8000-0000000000aa");
    private static final Instant AT = Instant.parse("2026-11-26T10:15:30Z");

    @TestFactory
    Stream<DynamicTest> everyEventTypeMatchesItsGoldenJson() {
        return EventCatalog.all().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            EventEnvelope<?> sample = sampleOf(type);
            String json = EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
            Path file = GOLDEN.resolve(type.name() + ".json");
            if (!Files.exists(file)) {
                if (Boolean.getBoolean("golden.update")) {
                    Files.writeString(file, json, StandardCharsets.UTF_8);
                }
                fail("no golden file for " + type.name() + " (run with -Dgolden.update=true and review " + file + ")");
            }
            String golden = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode expected = EventJson.mapper().readTree(golden);
            JsonNode actual = EventJson.mapper().readTree(json);
            assertThat(actual).as("JSON of %s changed incompatibly", type.name()).isEqualTo(expected);
            assertThat(EventJson.read(golden)).isEqualTo(sample);
        }));
    }

    @Test
    void everyGoldenFileStillHasItsEventType() throws IOException {
        Set<String> types = EventCatalog.all().stream().map(EventType::name).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")))
                    .as("an event type was removed: consumers may still depend on it")
                    .allMatch(types::contains);
        }
    }

    @Test
    void everyTopicHasPayloadsAndEveryTypeIsNamespacedByItsTopic() {
        for (Topic<?> topic : Topics.ALL) {
            assertThat(EventCatalog.all()).anyMatch(t -> t.topic().equals(topic));
        }
        for (EventType<?> type : EventCatalog.all()) {
            String prefix = type.topic().name().substring(0, type.topic().name().indexOf('.'));
            assertThat(type.name()).startsWith(prefix + ".");
        }
    }

    static EventEnvelope<?> sampleOf(EventType<?> type) throws ReflectiveOperationException {
        Class<?> cls = type.payloadType();
        RecordComponent[] components = cls.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = sampleValue(components[i].getName(), components[i].getType(), components[i].getGenericType());
        }
        Constructor<?> ctor = cls.getDeclaredConstructor(types);
        Object payload = ctor.newInstance(args);
        UUID id = UUID.nameUUIDFromBytes(type.name().getBytes(StandardCharsets.UTF_8));
        return new EventEnvelope<>(id, type.name(), type.version(), ORG, AT,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", payload);
    }

    private static Object sampleValue(String name, Class<?> type, Type generic) {
        if (type == UUID.class) {
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        }
        if (type == String.class) {
            return "sample-" + name;
        }
        if (type == Instant.class) {
            return AT.minusSeconds(name.length() * 60L);
        }
        if (type == int.class || type == Integer.class) {
            return 3;
        }
        if (type == long.class || type == Long.class) {
            return 42L;
        }
        if (type == double.class || type == Double.class) {
            return 0.75;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("1250.50");
        }
        if (type == Map.class && generic instanceof ParameterizedType p) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("key", "value");
            return map;
        }
        throw new IllegalStateException("no sample for " + type + " " + name + ": extend GoldenEventsTest");
    }
}
