package com.aiceo.gateway.ratelimit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The gateway starts without Redis: unless {@code spring.data.redis.url} ({@code REDIS_URL}) is
 * set, Boot's Redis auto-configuration is excluded (no connection factory, no Redis health
 * contributor) and {@code platform.rate-limit.store} is {@code memory}; with it, {@code redis}.
 * Runs after application.yml has been read.
 */
public class RedisOnlyWhenConfigured implements EnvironmentPostProcessor, Ordered {

    static final String STORE = "platform.rate-limit.store";
    static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean redis = StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(STORE, redis ? "redis" : "memory");
        if (!redis) {
            Set<String> excluded = new LinkedHashSet<>(StringUtils.commaDelimitedListToSet(
                    environment.getProperty("spring.autoconfigure.exclude", "")));
            excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
            excluded.removeIf(name -> !StringUtils.hasText(name));
            properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("gatewayRedisSwitch", properties));
    }
}
