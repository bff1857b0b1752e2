package com.aiceo.events.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes outbox rows to Kafka, oldest first, and deletes them once Kafka has acknowledged them.
 *
 * <p>Each batch runs in one transaction that first takes a transaction-scoped advisory lock on the
 * outbox table: with several instances of a service running, exactly one relays at a time (the others
 * stand by and take over the moment it stops), so rows are never published by two instances at once
 * and each key's events leave in order. Rows are then claimed with {@code FOR UPDATE SKIP LOCKED}.
 * The relay is woken by PostgreSQL {@code LISTEN/NOTIFY} (a trigger notifies on commit), with a slow
 * poll as a safety net. If Kafka is unreachable the batch rolls back and is retried with backoff
 * (200 ms doubling up to the poll interval): nothing is lost, and a re-sent event carries the same
 * id, so consumers de-duplicate it.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ConnectionFactory connectionFactory;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties props;
    private final String schema;
    private final long lockKey;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong retryDelayMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile Disposable.Composite running;

    public OutboxRelay(ConnectionFactory connectionFactory, DatabaseClient db, TransactionalOperator tx,
                       KafkaTemplate<String, String> kafka, OutboxProperties props, String schema,
                       MeterRegistry meters) {
        this.connectionFactory = connectionFactory;
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.props = props;
        this.schema = schema;
        this.lockKey = lockKeyFor(schema);
        this.published = Counter.builder("outbox.events.published").description("events the relay published")
                .register(meters);
        this.failures = Counter.builder("outbox.relay.failures").description("relay batches rolled back")
                .register(meters);
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get).description("outbox rows not yet published")
                .register(meters);
    }

    static long lockKeyFor(String schema) {
        long h = 1125899906842597L;
        for (byte b : ("outbox:" + schema).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    /** Publishes until the outbox is empty (or a batch fails). Answers the number published. */
    public Mono<Long> drain() {
        return relayBatch()
                .expand(n -> n >= props.batchSize() ? relayBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    /**
     * One transaction: take the relay lock, claim up to batchSize rows, publish them in order, delete
     * them. The lock and the claim are one statement. The transaction commits with
     * {@code synchronous_commit = off}: it only deletes rows already on Kafka, so if a crash lost that
     * commit the rows would be published again, and consumers drop the repeats by event id — while not
     * waiting for a WAL flush here takes milliseconds off every event's way to Kafka.
     */
    Mono<Long> relayBatch() {
        Mono<Long> batch = db.sql("""
                        WITH relay AS (SELECT pg_try_advisory_xact_lock(:key) AS locked,
                                              set_config('synchronous_commit', 'off', true) AS async_commit)
                        SELECT o.seq, o.topic, o.event_key, o.event_type, o.event_id, o.envelope, o.traceparent
                        FROM outbox_event o, relay WHERE relay.locked
                        ORDER BY o.seq LIMIT :limit FOR UPDATE OF o SKIP LOCKED""")
                .bind("key", lockKey)
                .bind("limit", props.batchSize())
                .map(row -> new Row(row.get("seq", Long.class), row.get("topic", String.class),
                        row.get("event_key", String.class), row.get("event_type", String.class),
                        String.valueOf(row.get("event_id", java.util.UUID.class)), row.get("envelope", String.class),
                        row.get("traceparent", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0L) : publish(rows)
                        .then(delete(rows))
                        .doOnSuccess(n -> published.increment(rows.size()))
                        .thenReturn((long) rows.size()));
        return tx.transactional(batch);
    }

    private Mono<Void> publish(List<Row> rows) {
        // KafkaTemplate.send may block while it fetches metadata: never on a reactive thread.
        return Mono.fromCallable(() -> {
                    List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        ProducerRecord<String, String> record = new ProducerRecord<>(r.topic, r.key, r.envelope);
                        record.headers().add(new RecordHeader("event_id", bytes(r.eventId)));
                        record.headers().add(new RecordHeader("event_type", bytes(r.type)));
                        if (r.traceparent != null) {
                            record.headers().add(new RecordHeader("traceparent", bytes(r.traceparent)));
                        }
                        acks.add(kafka.send(record));
                    }
                    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::fromFuture)
                .timeout(props.sendTimeout())
                .then();
    }

    private Mono<Void> delete(List<Row> rows) {
        Long[] seqs = rows.stream().map(Row::seq).toArray(Long[]::new);
        return db.sql("DELETE FROM outbox_event WHERE seq = ANY(:seqs)").bind("seqs", seqs)
                .fetch().rowsUpdated().then();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Asks for a drain; concurrent wake-ups coalesce into at most one running drain plus one more. */
    public void wake() {
        pending.set(true);
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        pending.set(false);
        drain().doOnSuccess(n -> retryDelayMillis.set(0))
                .onErrorResume(e -> {
                    failures.increment();
                    long delay = nextRetryDelay();
                    log.warn("outbox relay batch rolled back, retrying in {} ms: {}", delay, e.toString());
                    // do not wait for the next commit or poll: Kafka may be back in a second
                    Mono.delay(Duration.ofMillis(delay)).subscribe(t -> {
                        if (isRunning()) {
                            wake();
                        }
                    });
                    return Mono.just(0L);
                })
                .doFinally(signal -> {
                    draining.set(false);
                    if (pending.get()) {
                        wake();
                    }
                })
                .subscribe();
    }

    /** 200 ms after the first failure, doubling, at most the poll interval. */
    private long nextRetryDelay() {
        long max = props.pollInterval().toMillis();
        return retryDelayMillis.updateAndGet(d -> d == 0 ? Math.min(200, max) : Math.min(d * 2, max));
    }

    @Override
    public void start() {
        Disposable.Composite d = Disposables.composite();
        d.add(listen().subscribe());
        d.add(Flux.interval(Duration.ZERO, props.pollInterval())
                .onBackpressureDrop()
                .concatMap(t -> countBacklog().doOnNext(backlog::set).onErrorResume(e -> Mono.empty()), 1)
                .subscribe(t -> wake()));
        running = d;
        log.info("outbox relay started for schema {}", schema);
    }

    /** A dedicated (unpooled) connection that LISTENs for commits that wrote outbox rows. */
    private Flux<Object> listen() {
        ConnectionFactory raw = connectionFactory instanceof Wrapped<?> w && w.unwrap() instanceof ConnectionFactory u
                ? u : connectionFactory;
        String channel = "\"outbox_" + schema.replace("\"", "") + "\"";
        return Flux.usingWhen(Mono.from(raw.create()),
                        (Connection c) -> {
                            PostgresqlConnection pg = (PostgresqlConnection) c;
                            return pg.createStatement("LISTEN " + channel).execute()
                                    .flatMap(r -> r.getRowsUpdated())
                                    .thenMany(pg.getNotifications())
                                    .<Object>map(n -> {
                                        wake();
                                        return n;
                                    });
                        },
                        (Connection c) -> c.close())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.warn("outbox LISTEN connection lost, reconnecting: {}",
                                s.failure().toString())))
                .repeat();
    }

    private Mono<Long> countBacklog() {
        return db.sql("SELECT count(*) AS n FROM outbox_event").map(row -> row.get("n", Long.class)).one();
    }

    @Override
    public void stop() {
        Disposable.Composite d = running;
        running = null;
        if (d != null) {
            d.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    private record Row(Long seq, String topic, String key, String type, String eventId, String envelope,
                       String traceparent) {
    }
}
