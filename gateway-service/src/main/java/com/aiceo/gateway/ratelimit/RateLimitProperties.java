package com.aiceo.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets of the gateway ({@code platform.rate-limit.*}): one per user (the token's
 * {@code sub}) on authenticated requests, one per client address on public ones.
 *
 * @param user    per user: 20 requests/s, bursts of 40
 * @param address per client address on public paths: 5 requests/s, bursts of 10
 */
@ConfigurationProperties("platform.rate-limit")
public record RateLimitProperties(Limit user, Limit address) {

    public RateLimitProperties {
        user = user == null ? new Limit(20, 40) : user;
        address = address == null ? new Limit(5, 10) : address;
    }

    /**
     * @param replenishRate tokens added per second (the sustained rate)
     * @param burstCapacity size of the bucket (the largest burst)
     */
    public record Limit(int replenishRate, int burstCapacity) {

        public Limit {
            if (replenishRate < 1 || burstCapacity < replenishRate) {
                throw new IllegalArgumentException("a rate limit needs replenish-rate >= 1 and burst-capacity >= replenish-rate,"
                        + " got " + replenishRate + "/" + burstCapacity);
            }
        }

        /** Whole seconds until one token is back in an empty bucket (at least 1). */
        long secondsPerToken() {
            return Math.max(1, (long) Math.ceil(1.0 / replenishRate));
        }
    }
}
