package com.aiceo.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RedisOnlyWhenConfiguredTest {

    private final RedisOnlyWhenConfigured switcher = new RedisOnlyWhenConfigured();

    @Test
    void withoutARedisUrlRedisAutoConfigurationIsExcludedAndBucketsAreInMemory() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.data.redis.url", "")
                .withProperty("spring.autoconfigure.exclude", "com.example.SomethingElse");

        switcher.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("platform.rate-limit.store")).isEqualTo("memory");
        assertThat(environment.getProperty("spring.autoconfigure.exclude").split(","))
                .contains("com.example.SomethingElse")
                .containsAll(RedisOnlyWhenConfigured.REDIS_AUTO_CONFIGURATIONS);
    }

    @Test
    void withARedisUrlNothingIsExcludedAndBucketsAreInRedis() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.url", "redis://redis:6379");

        switcher.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("platform.rate-limit.store")).isEqualTo("redis");
        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }
}
