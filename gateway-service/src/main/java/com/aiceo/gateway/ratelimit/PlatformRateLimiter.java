package com.aiceo.gateway.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

/**
 * The rate limiter of the {@code RequestRateLimiter} filter on every route: keys from
 * {@link ClientKeyResolver} starting {@code user:} draw from the per-user buckets, all others from
 * the per-address buckets. Buckets are Redis' ({@code RedisRateLimiter}) when {@code REDIS_URL}
 * is set, this gateway's memory (Bucket4j) otherwise. A refusal always carries Retry-After.
 */
public class PlatformRateLimiter implements RateLimiter<Object> {

    /** One kind of bucket store; {@code RedisRateLimiter::isAllowed} fits. */
    @FunctionalInterface
    public interface Limiter {
        Mono<Response> isAllowed(String routeId, String key);
    }

    private final Limiter users;
    private final RateLimitProperties.Limit userLimit;
    private final Limiter addresses;
    private final RateLimitProperties.Limit addressLimit;
    private final String store;

    public PlatformRateLimiter(String store, Limiter users, RateLimitProperties.Limit userLimit,
                               Limiter addresses, RateLimitProperties.Limit addressLimit) {
        this.store = store;
        this.users = users;
        this.userLimit = userLimit;
        this.addresses = addresses;
        this.addressLimit = addressLimit;
    }

    /** {@code memory} or {@code redis}. */
    public String store() {
        return store;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String key) {
        boolean user = key.startsWith(ClientKeyResolver.USER);
        RateLimitProperties.Limit limit = user ? userLimit : addressLimit;
        return (user ? users : addresses).isAllowed(routeId, key)
                .map(response -> response.isAllowed() || response.getHeaders().containsKey("Retry-After")
                        ? response
                        : withRetryAfter(response, limit.secondsPerToken()));
    }

    private static Response withRetryAfter(Response response, long seconds) {
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put("Retry-After", Long.toString(seconds));
        return new Response(false, headers);
    }

    // the filter takes no per-route arguments: limits come from platform.rate-limit.*
    @Override
    public Map<String, Object> getConfig() {
        return Map.of();
    }

    @Override
    public Class<Object> getConfigClass() {
        return Object.class;
    }

    @Override
    public Object newConfig() {
        return new Object();
    }
}
