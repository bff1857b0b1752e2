package com.aiceo.bench.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The fallback load generator when wrk is not installed: a closed loop of {@code connections} concurrent
 * requests on as many kept-alive connections (Reactor Netty), each sending its next request when the
 * previous one is answered; latency per request from send to full response.
 */
final class JavaLoad {

    private JavaLoad() {
    }

    static LoadResult run(String url, String authorization, String body, int connections, int seconds) {
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(5))
                .headers(h -> {
                    if (authorization != null) {
                        h.set("Authorization", authorization);
                    }
                    if (body != null) {
                        h.set("Content-Type", "application/json");
                    }
                });
        ConcurrentLinkedQueue<long[]> chunks = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        Flux.range(0, connections).flatMap(i -> {
            long[] lat = new long[1 << 16];
            int[] n = {0};
            Mono<Void> one = Mono.defer(() -> {
                long t0 = System.nanoTime();
                var req = body == null ? client.get().uri(url)
                        : client.post().uri(url).send(ByteBufFlux.fromString(Mono.just(body)));
                return req.responseSingle((res, buf) -> buf.asByteArray().defaultIfEmpty(new byte[0])
                                .map(b -> res.status().code()))
                        .doOnNext(code -> {
                            if (code >= 400) {
                                errors.incrementAndGet();
                            }
                            if (n[0] == lat.length) {
                                chunks.add(lat.clone());
                                n[0] = 0;
                            }
                            lat[n[0]++] = System.nanoTime() - t0;
                        })
                        .onErrorResume(e -> {
                            errors.incrementAndGet();
                            return Mono.empty();
                        })
                        .then();
            });
            return one.repeat(() -> System.nanoTime() < end).then(Mono.fromRunnable(
                    () -> chunks.add(Arrays.copyOf(lat, n[0]))));
        }, connections).blockLast();
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.dispose();
        long[] all = chunks.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            throw new IllegalStateException("no request answered on " + url);
        }
        return new LoadResult(all.length / elapsed, all[(int) (all.length * 0.50)] / 1e6,
                all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6, all.length, errors.get());
    }
}
