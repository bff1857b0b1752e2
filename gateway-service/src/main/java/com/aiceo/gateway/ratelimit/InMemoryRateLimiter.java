package com.aiceo.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

/**
 * Token buckets in this gateway's memory (Bucket4j, lock-free local buckets), one per key, for a
 * single gateway instance without Redis. Buckets that are full again (idle keys) are dropped when
 * the map grows past {@code maxKeys}, so a flood of addresses cannot exhaust the heap.
 */
class InMemoryRateLimiter implements PlatformRateLimiter.Limiter {

    private final RateLimitProperties.Limit limit;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    InMemoryRateLimiter(RateLimitProperties.Limit limit, int maxKeys) {
        this.limit = limit;
        this.maxKeys = maxKeys;
    }

    @Override
    public Mono<RateLimiter.Response> isAllowed(String routeId, String key) {
        sweepIfFull();
        ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        headers.put("X-RateLimit-Replenish-Rate", Integer.toString(limit.replenishRate()));
        headers.put("X-RateLimit-Burst-Capacity", Integer.toString(limit.burstCapacity()));
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            headers.put("Retry-After", Long.toString(seconds));
        }
        return Mono.just(new RateLimiter.Response(probe.isConsumed(), headers));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.burstCapacity())
                        .refillGreedy(limit.replenishRate(), Duration.ofSeconds(1)))
                .build();
    }

    private void sweepIfFull() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (buckets.size() >= maxKeys && now - last > 1_000_000_000L && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.burstCapacity());
        }
    }

    int size() {
        return buckets.size();
    }
}
