package com.aiceo.events.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.events.backbone.consumer.ConsumerApp;
import com.aiceo.events.backbone.producer.ProducerApp;
import com.aiceo.events.outbox.OutboxProperties;
import com.aiceo.events.outbox.OutboxRelay;
import com.aiceo.events.tasks.TaskEvent;
import com.aiceo.infra.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.r2dbc.spi.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The event backbone end to end, across two services on a real PostgreSQL and a real Kafka broker:
 * a producer (domain row + outbox row in one transaction, relayed by the outbox relay) and a consumer
 * (idempotent, retries then dead letters). Each test works in its own organizations, so tests do
 * not see each other's events.
 */
class BackboneComponentTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ConfigurableApplicationContext producer;
    private static ConfigurableApplicationContext consumer;

    @BeforeAll
    static void startServices() {
        producer = start(ProducerApp.class, "backbone_producer", "classpath:db/backbone-producer");
        consumer = start(ConsumerApp.class, "backbone_consumer", "classpath:db/backbone-consumer");
    }

    private static ConfigurableApplicationContext start(Class<?> app, String schema, String migrations) {
        Map<String, Object> props = new HashMap<>(TestInfrastructure.serviceProperties(schema));
        props.put("spring.application.name", schema);
        props.put("spring.main.web-application-type", "none");
        props.put("spring.config.import", "classpath:platform-defaults.yml");
        props.put("spring.flyway.locations", "classpath:db/shared-events," + migrations);
        props.put("platform.consumer.max-retries", "2");
        props.put("platform.consumer.initial-backoff-ms", "100");
        // the safety-net poll is out of reach of every test here: events must travel on NOTIFY and retries
        props.put("platform.outbox.poll-interval", "10m");
        props.put("management.tracing.sampling.probability", "1.0");
        // as command-line arguments: they outrank the imported platform defaults, like environment variables do
        return new SpringApplicationBuilder(app)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stopServices() {
        TestInfrastructure.kafka().start();
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    private static ProducerApp.Widgets widgets() {
        return producer.getBean(ProducerApp.Widgets.class);
    }

    private static List<Integer> appliedSeqs(UUID org) {
        return consumer.getBean(DatabaseClient.class)
                .sql("SELECT seq FROM applied_event WHERE org_id = :org ORDER BY id").bind("org", org)
                .map(r -> r.get("seq", Integer.class)).all().collectList().block();
    }

    private static long count(ConfigurableApplicationContext ctx, String sql, UUID param) {
        return ctx.getBean(DatabaseClient.class).sql(sql).bind("p", param)
                .map(r -> r.get(0, Long.class)).one().block();
    }

    @Test
    void aCommittedWritePublishesExactlyOneEventAndARolledBackWriteNone() {
        UUID org = UUID.randomUUID();
        UUID first = widgets().create(org, 1, false).block();
        assertThatThrownBy(() -> widgets().create(org, 2, true).block()).hasMessageContaining("business rule");
        UUID third = widgets().create(org, 3, false).block();

        await().atMost(WAIT).until(() -> appliedSeqs(org).size() == 2);
        assertThat(appliedSeqs(org)).containsExactly(1, 3);
        assertThat(widgets().count(org).block()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> onTopic = readAll("tasks.events", org.toString(), 2);
        assertThat(onTopic).extracting(r -> EventJson.read(r.value()).id()).containsExactly(first, third);
        assertThat(header(onTopic.get(0), "event_id")).isEqualTo(first.toString());
    }

    @Test
    void theRelayIsWokenByTheCommitNotByThePoll() {
        UUID org = UUID.randomUUID();
        long t0 = System.nanoTime();
        widgets().create(org, 1, false).block();
        // the poll comes every 10 minutes in this test: only LISTEN/NOTIFY can deliver this in time
        await().atMost(Duration.ofSeconds(10)).until(() -> appliedSeqs(org).size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anEventCarriesTheTraceOfTheRequestThatCausedIt() {
        UUID org = UUID.randomUUID();
        // what WebFlux does for an incoming request: an observation (span) in the Reactor context
        Observation request = Observation.start("http.server.requests", producer.getBean(ObservationRegistry.class));
        UUID eventId;
        try {
            eventId = widgets().create(org, 1, false)
                    .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, request))
                    .block();
        } finally {
            request.stop();
        }
        TracingObservationHandler.TracingContext tracing =
                request.getContextView().get(TracingObservationHandler.TracingContext.class);
        var span = tracing.getSpan().context();

        ConsumerRecord<String, byte[]> record = readAll("tasks.events", org.toString(), 1).get(0);
        String traceparent = header(record, "traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .contains(span.traceId()).contains(span.spanId());
        EventEnvelope<?> event = EventJson.read(record.value());
        assertThat(event.id()).isEqualTo(eventId);
        assertThat(event.traceparent()).isEqualTo(traceparent);
    }

    @Test
    void aRedeliveredEventChangesNothingTwice() throws Exception {
        UUID org = UUID.randomUUID();
        EventEnvelope<?> event = EventEnvelope.of(org, new TaskEvent.TaskStarted(UUID.randomUUID(), "widget", 1));
        EventEnvelope<?> marker = EventEnvelope.of(org, new TaskEvent.TaskStarted(UUID.randomUUID(), "widget", 2));
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>("tasks.events", org.toString(), EventJson.writeBytes(event))).get();
            raw.send(new ProducerRecord<>("tasks.events", org.toString(), EventJson.writeBytes(event))).get();
            raw.send(new ProducerRecord<>("tasks.events", org.toString(), EventJson.writeBytes(marker))).get();
        }
        await().atMost(WAIT).until(() -> appliedSeqs(org).contains(2));
        assertThat(appliedSeqs(org)).containsExactly(1, 2);
        assertThat(count(consumer, "SELECT count(*) FROM processed_event WHERE event_id = :p", event.id()))
                .isEqualTo(1);
    }

    @Test
    void whileKafkaIsDownNothingIsLostAndEachKeyStaysInOrder() {
        List<UUID> orgs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        TestInfrastructure.kafka().stop();
        try {
            for (int seq = 1; seq <= 10; seq++) {
                for (UUID org : orgs) {
                    widgets().create(org, seq, false).block();
                }
            }
            assertThat(count(producer, "SELECT count(*) FROM outbox_event WHERE event_key = :p::text", orgs.get(0)))
                    .as("events wait in the outbox while Kafka is away").isEqualTo(10);
        } finally {
            TestInfrastructure.kafka().start();
        }
        await().atMost(WAIT).until(() -> orgs.stream().allMatch(o -> appliedSeqs(o).size() == 10));
        for (UUID org : orgs) {
            assertThat(appliedSeqs(org)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }
    }

    @Test
    void twoRelayInstancesOnOneTableNeverPublishARowTwiceAndKeepEachKeyInOrder() {
        OutboxRelay second = secondRelay();
        List<UUID> orgs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        // four organizations writing 150 events each in parallel, while a second relay drains as hard as it can
        var writes = Flux.fromIterable(orgs)
                .flatMap(org -> Flux.range(1, 150).concatMap(seq -> widgets().create(org, seq, false)), 4)
                .then()
                .subscribeOn(Schedulers.boundedElastic());
        var drains = Flux.range(0, 300).concatMap(i -> second.drain()).then()
                .subscribeOn(Schedulers.boundedElastic());
        Mono.when(writes, drains).block(WAIT);
        second.drain().block(WAIT);

        for (UUID org : orgs) {
            List<EventEnvelope<?>> onTopic = readAll("tasks.events", org.toString(), 150).stream()
                    .<EventEnvelope<?>>map(r -> EventJson.read(r.value())).toList();
            assertThat(onTopic).extracting(EventEnvelope::id).hasSize(150).doesNotHaveDuplicates();
            assertThat(onTopic).extracting(e -> ((TaskEvent.TaskStarted) e.payload()).attempt())
                    .as("published in order per key").isSorted();
        }
        await().atMost(WAIT).until(() -> orgs.stream().allMatch(o -> appliedSeqs(o).size() == 150));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndTheNextIsProcessed() throws Exception {
        UUID org = UUID.randomUUID();
        var ledger = consumer.getBean(ConsumerApp.Ledger.class);
        int attemptsBefore = ledger.failingAttempts.get();
        try (KafkaProducer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>("tasks.events", org.toString(),
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        widgets().create(org, -1, false).block(); // its effect fails every time
        widgets().create(org, 7, false).block();

        await().atMost(WAIT).until(() -> appliedSeqs(org).contains(7));
        List<ConsumerRecord<String, byte[]>> dead = readAll("ledger.dlt", org.toString(), 2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead.get(0), "dlt_reason")).contains("unreadable event on tasks.events");
        assertThat(header(dead.get(1), "dlt_reason"))
                .isEqualTo("IllegalStateException: ledger effect failed for seq -1");
        assertThat(header(dead.get(1), "kafka_dlt-original-topic")).isEqualTo("tasks.events");
        assertThat(ledger.failingAttempts.get() - attemptsBefore).as("1 try + 2 retries").isEqualTo(3);
        assertThat(appliedSeqs(org)).containsExactly(7);
    }

    @Test
    void anInfrastructureFailureIsRetriedUntilItPassesNotDeadLettered() {
        UUID org = UUID.randomUUID();
        var ledger = consumer.getBean(ConsumerApp.Ledger.class);
        widgets().create(org, 1, false).block();
        widgets().create(org, ConsumerApp.OUTAGE, false).block();
        widgets().create(org, 3, false).block();

        await().atMost(WAIT).until(() -> appliedSeqs(org).size() == 3);
        assertThat(appliedSeqs(org)).containsExactly(1, ConsumerApp.OUTAGE, 3);
        assertThat(ledger.outageAttempts.get()).as("five failures then success").isEqualTo(6);
    }

    @Test
    void processedIdsAreForgottenAfterTheRetentionOnly() {
        UUID org = UUID.randomUUID();
        var consumerBean = consumer.getBean(com.aiceo.events.consumer.IdempotentConsumer.class);
        EventEnvelope<?> old = EventEnvelope.of(org, new TaskEvent.TaskCancelled(UUID.randomUUID(), "widget"));
        EventEnvelope<?> recent = EventEnvelope.of(org, new TaskEvent.TaskCancelled(UUID.randomUUID(), "widget"));
        consumerBean.apply("janitor-test", old, Mono::empty).block();
        consumerBean.apply("janitor-test", recent, Mono::empty).block();
        consumer.getBean(DatabaseClient.class)
                .sql("UPDATE processed_event SET processed_at = now() - interval '15 days' WHERE event_id = :id")
                .bind("id", old.id()).fetch().rowsUpdated().block();

        consumerBean.purgeOlderThan(Duration.ofDays(14)).block();

        assertThat(count(consumer, "SELECT count(*) FROM processed_event WHERE event_id = :p", old.id())).isZero();
        assertThat(count(consumer, "SELECT count(*) FROM processed_event WHERE event_id = :p", recent.id()))
                .isEqualTo(1);
    }

    private static OutboxRelay secondRelay() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new OutboxRelay(producer.getBean(ConnectionFactory.class), producer.getBean(DatabaseClient.class),
                producer.getBean(TransactionalOperator.class),
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)),
                new OutboxProperties(true, 50, Duration.ofSeconds(2), Duration.ofSeconds(10)),
                "backbone_producer", new SimpleMeterRegistry());
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Reads a topic from the beginning until {@code expected} records with this key arrived. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, String key, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            await().atMost(WAIT).until(() -> !c.partitionsFor(topic).isEmpty());
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            await().atMost(WAIT).until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
            // anything more would be a duplicate: give it one more poll to show up
            c.poll(Duration.ofMillis(500)).forEach(r -> {
                if (key.equals(r.key())) {
                    found.add(r);
                }
            });
        }
        return found;
    }
}
