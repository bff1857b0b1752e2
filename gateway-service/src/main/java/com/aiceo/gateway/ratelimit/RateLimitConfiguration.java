package com.aiceo.gateway.ratelimit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * {@code platformRateLimiter} and {@code clientKeyResolver}, named by the {@code RequestRateLimiter}
 * default filter in application.yml. Redis buckets when Redis is configured ({@code REDIS_URL};
 * see {@link RedisOnlyWhenConfigured}), in-memory Bucket4j buckets otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    @Bean
    @Primary
    ClientKeyResolver clientKeyResolver() {
        return new ClientKeyResolver();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = RedisOnlyWhenConfigured.STORE, havingValue = "redis")
    static class Redis {

        @Primary
        @Bean(name = "platformRateLimiter")
        PlatformRateLimiter redisPlatformRateLimiter(RateLimitProperties limits, ApplicationContext context) {
            return new PlatformRateLimiter("redis", redis(limits.user(), context), limits.user(),
                    redis(limits.address(), context), limits.address());
        }

        private static PlatformRateLimiter.Limiter redis(RateLimitProperties.Limit limit, ApplicationContext context) {
            RedisRateLimiter limiter = new RedisRateLimiter(limit.replenishRate(), limit.burstCapacity());
            limiter.setApplicationContext(context); // takes the template, the Lua script and the configuration service
            return limiter::isAllowed;
        }
    }

    @Primary
    @ConditionalOnProperty(name = RedisOnlyWhenConfigured.STORE, havingValue = "memory", matchIfMissing = true)
    @Bean(name = "platformRateLimiter")
    PlatformRateLimiter inMemoryPlatformRateLimiter(RateLimitProperties limits,
                                                    @Value("${platform.rate-limit.max-keys:100000}") int maxKeys) {
        return new PlatformRateLimiter("memory", new InMemoryRateLimiter(limits.user(), maxKeys), limits.user(),
                new InMemoryRateLimiter(limits.address(), maxKeys), limits.address());
    }
}
