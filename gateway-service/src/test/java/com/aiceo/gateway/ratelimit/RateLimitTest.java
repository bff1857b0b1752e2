package com.aiceo.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.gateway.FakeService;
import com.aiceo.gateway.TestTokens;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small buckets (1/s, bursts of 2) in memory, as when REDIS_URL is not set. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.rate-limit.user.replenish-rate=1", "platform.rate-limit.user.burst-capacity=2",
        "platform.rate-limit.address.replenish-rate=1", "platform.rate-limit.address.burst-capacity=2"})
@AutoConfigureWebTestClient
class RateLimitTest {

    private static final FakeService AUTH = FakeService.start("auth-service", FakeService.UP)
            .on("/api/auth/jwks", exchange -> FakeService.send(exchange, 200, "application/json", TestTokens.jwks()));
    private static final FakeService CRM = FakeService.start("crm-service", FakeService.UP);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("platform.services.auth-service.url", () -> AUTH.url().toString());
        registry.add("platform.services.crm-service.url", () -> CRM.url().toString());
        registry.add("platform.security.jwks-uri", () -> AUTH.url() + "/api/auth/jwks");
    }

    @AfterAll
    static void stop() {
        Stream.of(AUTH, CRM).forEach(FakeService::close);
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    @Test
    void withoutRedisTheBucketsAreInMemoryAndNoRedisIsConfigured() {
        assertThat(context.getBean(PlatformRateLimiter.class).store()).isEqualTo("memory");
        assertThat(context.getBeanNamesForType(ReactiveRedisConnectionFactory.class)).isEmpty();
    }

    @Test
    void aPublicPathIsLimitedPerAddressWith429RetryAfterAndProblemDetails() {
        int before = AUTH.requests();
        for (int i = 0; i < 2; i++) {
            web.post().uri("/api/auth/login").exchange().expectStatus().isOk();
        }
        web.post().uri("/api/auth/login").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 2L))
                .expectHeader().exists("X-Request-Id")
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectBody()
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.title").isEqualTo("Too Many Requests")
                .jsonPath("$.detail").exists()
                .jsonPath("$.trace").doesNotExist();
        // register draws from the same bucket of this address: brute force across public paths stalls too
        web.post().uri("/api/auth/register").exchange().expectStatus().isEqualTo(429);
        assertThat(AUTH.requests() - before).isEqualTo(2);
    }

    @Test
    void aUserIsLimitedPerTokenSubjectAndOtherUsersAreNot() {
        String ada = TestTokens.valid("ada-" + System.nanoTime());
        String bob = TestTokens.valid("bob-" + System.nanoTime());
        for (int i = 0; i < 2; i++) {
            web.get().uri("/api/crm/leads").headers(h -> h.setBearerAuth(ada)).exchange().expectStatus().isOk();
        }
        web.get().uri("/api/crm/leads").headers(h -> h.setBearerAuth(ada)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(429);
        // same address, another user: its own bucket
        web.get().uri("/api/crm/leads").headers(h -> h.setBearerAuth(bob)).exchange().expectStatus().isOk();
    }
}
