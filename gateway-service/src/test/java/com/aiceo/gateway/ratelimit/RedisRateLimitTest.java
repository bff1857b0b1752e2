package com.aiceo.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.gateway.FakeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With {@code REDIS_URL} set the buckets are Spring Cloud Gateway's RedisRateLimiter. No Redis
 * runs here (the URL names a closed port): the context still starts, and the limiter lets
 * requests through while Redis cannot be reached (RedisRateLimiter fails open).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.data.redis.url=redis://127.0.0.1:" + RedisRateLimitTest.CLOSED_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RedisRateLimitTest {

    static final int CLOSED_PORT = 1;

    private static final FakeService AUTH = FakeService.start("auth-service", FakeService.UP);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("platform.services.auth-service.url", () -> AUTH.url().toString());
    }

    @AfterAll
    static void stop() {
        AUTH.close();
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient web;

    @Test
    void bucketsAreInRedisWhenItIsConfigured() {
        assertThat(context.getBean(PlatformRateLimiter.class).store()).isEqualTo("redis");
        assertThat(context.getBeanNamesForType(ReactiveStringRedisTemplate.class)).isNotEmpty();
    }

    @Test
    void aRedisThatCannotBeReachedDoesNotStopTraffic() {
        web.post().uri("/api/auth/login").exchange().expectStatus().isOk();
    }
}
