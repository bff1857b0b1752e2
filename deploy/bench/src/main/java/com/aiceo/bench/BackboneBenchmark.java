package com.aiceo.bench;

import com.aiceo.bench.consumer.BenchConsumerApp;
import com.aiceo.bench.producer.BenchProducerApp;
import com.aiceo.infra.EmbeddedKafka;
import com.aiceo.infra.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Measures the event backbone on this machine, on a real PostgreSQL and a real Kafka broker:
 * <ol>
 *   <li>commit → consumer-applied latency (p50/p99) while a producer service commits events at a
 *       fixed rate and a consumer service applies them idempotently;</li>
 *   <li>the most events/s the outbox path sustains (write + outbox row committed, relayed to Kafka
 *       and acknowledged), next to the unsafe dual write (the same write committed, then a direct
 *       KafkaTemplate send awaited), with the same number of concurrent clients, in the same run.</li>
 * </ol>
 * Options: --rate N (events/s, 1000), --seconds N (measured, 20), --warmup N (15), --events N
 * (throughput runs, 20000), --clients N (8).
 */
public final class BackboneBenchmark {

    private static final Logger log = LoggerFactory.getLogger(BackboneBenchmark.class);
    private static final int PARTITIONS = Integer.getInteger("partitions", 3);
    private static final int CONCURRENCY = Integer.getInteger("concurrency", 3);

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opt = options(args);
        int rate = opt.get("rate");
        int seconds = opt.get("seconds");
        int warmup = opt.get("warmup");
        int events = opt.get("events");
        int clients = opt.get("clients");

        EmbeddedPostgres pg = EmbeddedPostgres.start(0, null);
        pg.createDatabase("aiceo");
        EmbeddedKafka kafka = new EmbeddedKafka(0, Files.createTempDirectory("bench-kafka"), PARTITIONS).start();
        ConfigurableApplicationContext producer = start(BenchProducerApp.class, "bench_producer", pg, kafka);
        ConfigurableApplicationContext consumer = start(BenchConsumerApp.class, "bench_consumer", pg, kafka);
        var orders = producer.getBean(BenchProducerApp.Orders.class);
        var listeners = consumer.getBean(KafkaListenerEndpointRegistry.class);
        List<UUID> orgs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            orgs.add(UUID.randomUUID());
        }
        AtomicInteger seq = new AtomicInteger();
        BiFunction<UUID, Integer, Mono<UUID>> outboxWrite = (org, s) -> orders.viaOutbox(org, s)
                .doOnNext(Latencies::committed);

        var progress = Flux.interval(Duration.ofSeconds(1)).onBackpressureDrop()
                .concatMap(t -> orders.backlog())
                .subscribe(n -> log.info("outbox backlog {}, committed not yet applied {}", n, Latencies.pending()),
                        e -> log.warn("progress failed", e));
        // 1. latency at a fixed rate
        log.info("latency: {} events/s for {} s (+{} s warm-up)", rate, seconds, warmup);
        paced(rate, warmup, orgs, seq, outboxWrite);
        while (orders.backlog().block() > 0) {
            Thread.sleep(50);
        }
        Thread.sleep(1000); // let the consumer finish the warm-up events
        Latencies.reset();
        BenchConsumerApp.STATS.reset();
        Latencies.record(true);
        long sent = paced(rate, seconds, orgs, seq, outboxWrite);
        Latencies.record(false);
        waitUntilApplied();
        String consumerStats = BenchConsumerApp.STATS.reset();
        long[] lat = Latencies.sortedMicros();
        long[] relay = Latencies.sortedRelayMicros();

        progress.dispose();
        // 2. throughput: outbox vs dual write, consumer paused so both measure the producing path only
        listeners.stop();
        double outboxRate = throughput("outbox", events, clients, orgs, seq, (o, s) -> orders.viaOutbox(o, s),
                () -> orders.backlog().map(n -> n == 0));
        double dualRate = throughput("dual write", events, clients, orgs, seq, (o, s) -> orders.dualWrite(o, s),
                () -> Mono.just(true));

        // 3. consumer catch-up: the consumer applies the backlog the throughput runs left on the topic
        var appliedCount = consumer.getBean(org.springframework.r2dbc.core.DatabaseClient.class)
                .sql("SELECT count(*) AS n FROM bench_applied").map(r -> r.get("n", Long.class)).one();
        long before = appliedCount.block();
        long target = before + 2L * events;
        long c0 = System.nanoTime();
        listeners.start();
        while (appliedCount.block() < target && System.nanoTime() - c0 < 300_000_000_000L) {
            Thread.sleep(20);
        }
        double consumerRate = (appliedCount.block() - before) / ((System.nanoTime() - c0) / 1e9);

        String report = """

                ## Backbone benchmark — %s, %d cores, Java %s
                | measure | value |
                |---|---|
                | commit → applied latency at %d events/s (%d events over %d s) | p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms |
                | of which commit → sent by the relay (Kafka record timestamp) | p50 %.0f ms, p99 %.0f ms |
                | consumer during that run | %s |
                | outbox path, %d clients, %d events (committed → acked by Kafka) | %.0f events/s |
                | dual write (commit, then KafkaTemplate send awaited), same clients/events | %.0f events/s |
                | outbox ÷ dual write | %.2f× |
                | consumer catch-up rate (idempotent, one transaction per poll batch, %d partitions) | %.0f events/s |
                """.formatted(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                rate, lat.length, seconds,
                Latencies.percentileMillis(lat, 50), Latencies.percentileMillis(lat, 90),
                Latencies.percentileMillis(lat, 99), Latencies.percentileMillis(lat, 100),
                Latencies.percentileMillis(relay, 50), Latencies.percentileMillis(relay, 99), consumerStats,
                clients, events, outboxRate, dualRate, outboxRate / dualRate, 3, consumerRate);
        System.out.println(report);
        if (lat.length < sent * 0.99) {
            System.out.println("WARNING: only " + lat.length + " of " + sent + " events were measured");
        }
        consumer.close();
        producer.close();
        kafka.stop();
        pg.close();
        System.exit(0);
    }

    /** Commits {@code rate} events per second for {@code seconds}, spread over the organizations. */
    private static long paced(int rate, int seconds, List<UUID> orgs, AtomicInteger seq,
                              BiFunction<UUID, Integer, Mono<UUID>> write) {
        int perTick = Math.max(1, rate / 100);
        long ticks = seconds * 100L;
        Flux.interval(Duration.ofMillis(10))
                .take(ticks)
                .onBackpressureBuffer()
                .flatMap(t -> Flux.range(0, perTick).flatMap(i -> {
                    int s = seq.incrementAndGet();
                    return write.apply(orgs.get(s % orgs.size()), s);
                }), 64)
                .blockLast(Duration.ofSeconds(seconds + 120L));
        return ticks * perTick;
    }

    private static double throughput(String name, int events, int clients, List<UUID> orgs, AtomicInteger seq,
                                     BiFunction<UUID, Integer, Mono<UUID>> write,
                                     java.util.function.Supplier<Mono<Boolean>> drained)
            throws InterruptedException {
        long t0 = System.nanoTime();
        Flux.range(0, events)
                .flatMap(i -> {
                    int s = seq.incrementAndGet();
                    return write.apply(orgs.get(s % orgs.size()), s);
                }, clients)
                .blockLast(Duration.ofMinutes(10));
        double written = (System.nanoTime() - t0) / 1e9;
        while (!Boolean.TRUE.equals(drained.get().block(Duration.ofSeconds(30)))) {
            Thread.sleep(5);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        log.info("{}: {} events committed in {} s, all on Kafka after {} s", name, events,
                String.format("%.2f", written), String.format("%.2f", total));
        return events / total;
    }

    private static void waitUntilApplied() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (Latencies.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static ConfigurableApplicationContext start(Class<?> app, String schema, EmbeddedPostgres pg,
                                                        EmbeddedKafka kafka) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.application.name", schema);
        p.put("spring.main.web-application-type", "none");
        p.put("spring.config.import", "classpath:platform-defaults.yml");
        p.put("platform.schema", schema);
        p.put("platform.database.host", "127.0.0.1");
        p.put("platform.database.port", pg.port());
        p.put("platform.database.user", pg.user());
        p.put("platform.database.password", pg.password());
        p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("spring.flyway.locations", "classpath:db/shared-events,classpath:db/" + schema.replace('_', '-'));
        p.put("spring.r2dbc.pool.max-size", "20");
        p.put("spring.kafka.listener.concurrency", String.valueOf(CONCURRENCY));
        p.put("platform.kafka.partitions", String.valueOf(PARTITIONS));
        return new SpringApplicationBuilder(app).run(p.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> o = new LinkedHashMap<>(Map.of("rate", 1000, "seconds", 20, "warmup", 15,
                "events", 20000, "clients", 8));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String k = args[i].replaceFirst("^--", "");
            if (!o.containsKey(k)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + o.keySet());
            }
            o.put(k, Integer.parseInt(args[i + 1]));
        }
        return o;
    }
}
