package com.aiceo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway against seven stand-in services: the aggregated health, the route of every path
 * group of the public API (with a valid access token), and the actuator exposure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.rate-limit.user.replenish-rate=1000", "platform.rate-limit.user.burst-capacity=1000",
        "platform.rate-limit.address.replenish-rate=1000", "platform.rate-limit.address.burst-capacity=1000"})
@AutoConfigureWebTestClient
class GatewayServiceApplicationTest {

    private static final List<String> SERVICES = List.of("auth-service", "ai-service", "crm-service",
            "content-service", "billing-service", "task-worker-service", "agentic-service");

    private static final Map<String, FakeService> FAKES = new LinkedHashMap<>();

    static {
        SERVICES.forEach(name -> FAKES.put(name, FakeService.start(name, FakeService.UP)));
        FAKES.get("auth-service").on("/api/auth/jwks",
                exchange -> FakeService.send(exchange, 200, "application/json", TestTokens.jwks()));
    }

    private static final String TOKEN = TestTokens.valid();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        FAKES.forEach((name, fake) -> registry.add("platform.services." + name + ".url", () -> fake.url().toString()));
        registry.add("platform.security.jwks-uri", () -> FAKES.get("auth-service").url() + "/api/auth/jwks");
    }

    @AfterAll
    static void stopFakes() {
        FAKES.values().forEach(FakeService::close);
    }

    @Autowired
    WebTestClient web;

    @TestConfiguration(proxyBeanMethods = false)
    static class UnreachableRoute {

        @Bean
        RouteLocator unreachableRoute(RouteLocatorBuilder routes) {
            return routes.routes()
                    .route("unreachable-service", r -> r.path("/api/test-unreachable/**")
                            .uri(FakeService.closedPortUrl()))
                    .build();
        }
    }

    @AfterEach
    void allUpAgain() {
        FAKES.values().forEach(fake -> fake.readiness(FakeService.UP));
    }

    @Test
    void healthIsUpWhenEveryServiceIsReady() {
        web.get().uri("/api/health").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("""
                        {"status":"UP","services":{"auth-service":"UP","ai-service":"UP","crm-service":"UP",
                         "content-service":"UP","billing-service":"UP","task-worker-service":"UP",
                         "agentic-service":"UP"}}""", JsonCompareMode.STRICT);
    }

    @Test
    void healthIsDownWith503WhenOneServiceIsNotReady() {
        FAKES.get("billing-service").readiness(FakeService.OUT_OF_SERVICE);

        web.get().uri("/api/health").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().json("""
                        {"status":"DOWN","services":{"auth-service":"UP","ai-service":"UP","crm-service":"UP",
                         "content-service":"UP","billing-service":"DOWN","task-worker-service":"UP",
                         "agentic-service":"UP"}}""", JsonCompareMode.STRICT);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST, /api/auth/login, auth-service",
            "GET, /api/auth/me, auth-service",
            "POST, /api/orgs, auth-service",
            "GET, /api/orgs/7f1c/members, auth-service",
            "POST, /api/invitations/abc/accept, auth-service",
            "GET, /api/ai/config, ai-service",
            "POST, /api/chat/message, ai-service",
            "GET, /api/crm/leads, crm-service",
            "GET, /api/crm/meetings, crm-service",
            "GET, /api/content/posts, content-service",
            "GET, /api/integrations, content-service",
            "GET, /api/integrations/linkedin/connect, content-service",
            "POST, /api/webhooks/linkedin, content-service",
            "POST, /api/stripe/webhook, billing-service",
            "GET, /api/billing/usage, billing-service",
            "GET, /api/tasks, task-worker-service",
            "POST, /api/tasks/42/retry, task-worker-service",
            "POST, /api/agentic/analyze, agentic-service",
            "GET, /api/analytics/overview, agentic-service",
    })
    void routesEveryPathGroupToItsService(String method, String path, String service) {
        web.method(HttpMethod.valueOf(method)).uri(path).headers(headers -> headers.setBearerAuth(TOKEN)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo(service)
                .jsonPath("$.method").isEqualTo(method)
                .jsonPath("$.path").isEqualTo(path);
    }

    @Test
    void authServicesKeySetPassesThroughWithoutAToken() {
        web.get().uri("/api/auth/jwks").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.keys[0].kid").isEqualTo(TestTokens.KEY.getKeyID())
                .jsonPath("$.keys[0].d").doesNotExist();
    }

    @Test
    void aServiceThatCannotBeReachedAnswers503ProblemDetails() {
        web.get().uri("/api/test-unreachable/things").headers(headers -> headers.setBearerAuth(TOKEN)).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.detail").isEqualTo("unreachable-service is unavailable")
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void unknownPathsAreNotRouted() {
        // without a token nothing but the public paths is even looked up
        web.get().uri("/api/unknown/things").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/unknown/things").headers(headers -> headers.setBearerAuth(TOKEN)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.trace").doesNotExist();
        web.post().uri("/api/webhooks/other").headers(headers -> headers.setBearerAuth(TOKEN)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void actuatorExposesHealthInfoAndPrometheusOnly() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/actuator/info").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("application=\"gateway-service\""));
        web.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
        web.get().uri("/actuator/env").headers(headers -> headers.setBearerAuth(TOKEN)).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/actuator/gateway/routes").headers(headers -> headers.setBearerAuth(TOKEN)).exchange()
                .expectStatus().isNotFound();
    }
}
