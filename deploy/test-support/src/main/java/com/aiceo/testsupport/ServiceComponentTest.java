package com.aiceo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.infra.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every service's component tests: the whole service on a real PostgreSQL and a real Kafka
 * broker ({@link TestInfrastructure}), in its own schema. Extending it also runs the platform
 * contract every service keeps: readiness and liveness UP, Prometheus metrics with the application
 * tag, build and git data in info, nothing else of actuator exposed, the outbox and inbox tables
 * migrated into its own schema only, and identity checked at the service itself: a protected path
 * refuses a missing, malformed, expired, foreign or forged token (each of {@link TestTokens.Bad}) with a
 * 401 problem, and lets a valid token through (a 404 problem for an unknown path).
 *
 * <p>{@code platform.security.jwks-uri} points at {@link TestTokens}' JWKS, so {@code TestTokens.token(..)}
 * mints tokens the service accepts. A service that checks tokens some other way (auth-service uses its
 * own keys) overrides {@link #validToken()} and, if unknown paths are public there, {@link #protectedPath()}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s") // a cold first call (JIT, BCrypt 12) on 2 busy cores can pass 5 s
public abstract class ServiceComponentTest {

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected DatabaseClient db;

    @Value("${platform.schema}")
    protected String schema;

    @Value("${spring.application.name}")
    protected String applicationName;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.infrastructureProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("platform.security.jwks-uri", TestTokens::jwksUri);
    }

    /** A token this service accepts; by default a member's, from {@link TestTokens}. */
    protected String validToken() {
        return TestTokens.token("member");
    }

    /** A path that needs a token and has no handler (so an accepted token gets a 404). */
    protected String protectedPath() {
        return "/api/no-such-thing";
    }

    private WebTestClient.ResponseSpec getProtected(String authorization) {
        return web.get().uri(protectedPath())
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .exchange();
    }

    private static void assertUnauthorizedProblem(WebTestClient.ResponseSpec response, String what) {
        response.expectStatus().value(status -> assertThat(status).as(what).isEqualTo(401))
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).as(what).startsWith("Bearer"))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void refusesAProtectedPathWithoutAValidTokenAsAProblem() {
        assertUnauthorizedProblem(getProtected(null), "no token");
        assertUnauthorizedProblem(getProtected("Bearer"), "empty bearer");
        assertUnauthorizedProblem(getProtected("Bearer garbage"), "garbage");
        assertUnauthorizedProblem(getProtected("Bearer a.b.c"), "three garbage segments");
        assertUnauthorizedProblem(getProtected("Basic dXNlcjpwYXNzd29yZA=="), "basic credentials");
    }

    @Test
    void refusesEveryBadTokenWith401() {
        for (TestTokens.Bad bad : TestTokens.Bad.values()) {
            assertUnauthorizedProblem(getProtected("Bearer " + bad.token()), bad.name());
        }
    }

    @Test
    void letsAValidTokenThroughToAProblemForAnUnknownPath() {
        getProtected("Bearer " + validToken())
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void readinessAndLivenessAreUp() {
        // Public: no token (so are info and prometheus, below).
        for (String probe : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            web.get().uri(probe).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        }
    }

    @Test
    void exposesPrometheusMetricsTaggedWithTheApplication() {
        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("application=\"" + applicationName + "\"").contains("outbox_backlog");
    }

    @Test
    void infoCarriesBuildData() {
        web.get().uri("/actuator/info").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.build.artifact").isEqualTo(applicationName);
    }

    @Test
    void exposesNoOtherActuatorEndpoint() {
        String token = validToken();
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/loggers", "/actuator/threaddump", "/actuator/mappings")) {
            web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                    .expectStatus().isNotFound();
            web.get().uri(path).exchange()
                    .expectStatus().value(status -> assertThat(status).as(path).isIn(401, 404));
        }
    }

    @Test
    void answersAnUnknownPathWithAProblemDetailNotAStackTrace() {
        web.get().uri("/api/no-such-thing").header(HttpHeaders.AUTHORIZATION, "Bearer " + validToken()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void ownsItsSchemaWithTheOutboxAndInboxTables() {
        List<String> tables = db.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = :schema ORDER BY table_name""")
                .bind("schema", schema)
                .map(r -> r.get("table_name", String.class)).all().collectList().block();
        assertThat(tables).contains("outbox_event", "processed_event", "flyway_schema_history");
        String searchPath = db.sql("SHOW search_path").map(r -> r.get(0, String.class)).one().block();
        assertThat(searchPath).as("R2DBC connections resolve unqualified names in the service's schema")
                .startsWith(schema);
    }
}
