package com.aiceo.gateway.resilience;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aiceo.gateway.FakeService;
import com.aiceo.gateway.TestTokens;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Routes whose service is down (crm-service: nothing listens) or hangs (ai-service: answers after
 * 20 s), with a 1 s response timeout (2 s for the AI routes): 503 / 504 problem details, fast; no retries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
        "platform.circuit-breaker.minimum-number-of-calls=4", "platform.circuit-breaker.sliding-window-size=4",
        "platform.circuit-breaker.wait-in-open-state=60s",
        "AI_RESPONSE_TIMEOUT_MS=2000", "platform.circuit-breaker.time-limits.ai-service=2500ms",
        "platform.rate-limit.user.replenish-rate=1000", "platform.rate-limit.user.burst-capacity=1000"})
@AutoConfigureWebTestClient(timeout = "30s")
class RouteResilienceTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final FakeService AUTH = FakeService.start("auth-service", FakeService.UP)
            .on("/api/auth/jwks", exchange -> FakeService.send(exchange, 200, "application/json", TestTokens.jwks()));
    private static final FakeService HANGING = FakeService.start("ai-service", FakeService.UP)
            .on("/api/chat/message", exchange -> {
                try {
                    RELEASE.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                FakeService.send(exchange, 200, "application/json", "{}");
            });

    private static final FakeService SLOW = FakeService.start("content-service", FakeService.UP)
            .on("/api/content/posts", exchange -> {
                try {
                    // the stand-in service takes 300 ms to answer (a latch nobody releases)
                    NEVER.await(300, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                FakeService.send(exchange, 200, "application/json", "{}");
            });

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("platform.services.content-service.url", () -> SLOW.url().toString());
        registry.add("platform.services.auth-service.url", () -> AUTH.url().toString());
        registry.add("platform.services.ai-service.url", () -> HANGING.url().toString());
        registry.add("platform.services.crm-service.url", () -> FakeService.closedPortUrl().toString());
        registry.add("platform.security.jwks-uri", () -> AUTH.url() + "/api/auth/jwks");
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        Stream.of(AUTH, HANGING, SLOW).forEach(FakeService::close);
    }

    @Autowired
    WebTestClient web;

    private final String token = TestTokens.valid();

    @Test
    void manyRequestsInFlightOnOneRouteAreAllServed() throws Exception {
        // Spring Cloud CircuitBreaker's default bulkhead (25 calls) failed the 26th with a 500
        var pool = java.util.concurrent.Executors.newFixedThreadPool(60);
        try {
            List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(() -> web.get().uri("/api/content/posts").headers(h -> h.setBearerAuth(token))
                        .exchange().returnResult(String.class).getStatus().value());
            }
            long start = System.nanoTime();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).hasSize(60).containsOnly(200);
            assertThat(SLOW.requests()).isGreaterThanOrEqualTo(60);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("served side by side, not one by one")
                    .isLessThan(Duration.ofSeconds(15));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServiceThatIsDownAnswers503ProblemDetailsFastAndItsCircuitOpens() {
        Logger logger = (Logger) LoggerFactory.getLogger("com.aiceo.gateway.error.ServiceUnavailableHandler");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            for (int i = 0; i < 6; i++) { // 4 refused connections open the circuit; then 503 without trying
                long start = System.nanoTime();
                web.get().uri("/api/crm/leads").header("X-Request-Id", "down-" + i)
                        .headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals("X-Request-Id", "down-" + i)
                        .expectBody()
                        .jsonPath("$.status").isEqualTo(503)
                        .jsonPath("$.title").isEqualTo("Service Unavailable")
                        .jsonPath("$.detail").isEqualTo("crm-service is unavailable")
                        .jsonPath("$.trace").doesNotExist();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).hasSize(6);
        assertThat(logs.list.get(0).getMDCPropertyMap()).containsEntry("requestId", "down-0");
        assertThat(logs.list.get(5).getFormattedMessage()).contains("circuit open");
    }

    @Test
    void aServiceThatHangsAnswers504WithinTheTimeoutAndAPostIsNotRetried() {
        int before = HANGING.requests();
        long start = System.nanoTime();
        web.post().uri("/api/chat/message").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"message\":\"hi\"}")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.title").isEqualTo("Gateway Timeout")
                .jsonPath("$.detail").isEqualTo("ai-service did not answer in time");
        // the AI route's own response timeout (2 s), not the others' (1 s)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(5));
        assertThat(HANGING.requests() - before).isEqualTo(1);
    }
}
