package com.aiceo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.gateway.FakeService;
import com.aiceo.gateway.TestTokens;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The check at the door against stand-ins for auth-service (serving the JWK set), crm-service,
 * content-service and billing-service: tokens, public paths, request ids, stripped headers, CORS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "platform.rate-limit.user.replenish-rate=1000", "platform.rate-limit.user.burst-capacity=1000",
        "platform.rate-limit.address.replenish-rate=1000", "platform.rate-limit.address.burst-capacity=1000",
        "platform.cors.allowed-origins=http://localhost:5173, http://console.example"})
@AutoConfigureWebTestClient
class GatewaySecurityTest {

    private static final AtomicReference<String> KEY_SET = new AtomicReference<>(TestTokens.jwks());
    private static final FakeService AUTH = FakeService.start("auth-service", FakeService.UP)
            .on("/api/auth/jwks", exchange -> FakeService.send(exchange, 200, "application/json", KEY_SET.get()));
    private static final FakeService CRM = FakeService.start("crm-service", FakeService.UP);
    private static final FakeService CONTENT = FakeService.start("content-service", FakeService.UP);
    private static final FakeService BILLING = FakeService.start("billing-service", FakeService.UP);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("platform.services.auth-service.url", () -> AUTH.url().toString());
        registry.add("platform.services.crm-service.url", () -> CRM.url().toString());
        registry.add("platform.services.content-service.url", () -> CONTENT.url().toString());
        registry.add("platform.services.billing-service.url", () -> BILLING.url().toString());
        registry.add("platform.security.jwks-uri", () -> AUTH.url() + "/api/auth/jwks");
    }

    @AfterAll
    static void stop() {
        Stream.of(AUTH, CRM, CONTENT, BILLING).forEach(FakeService::close);
    }

    @Autowired
    WebTestClient web;

    @Test
    void aValidTokenIsRoutedWithItsAuthorizationAndARequestIdButWithoutClientSentIdentityHeaders() {
        String token = TestTokens.valid();
        WebTestClient.ResponseSpec response = web.get().uri("/api/crm/leads")
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    headers.set("X-User-Id", "someone-else");
                    headers.set("X-Org-Id", "other-org");
                    headers.set("X-Role", "owner");
                    headers.set("X-Internal-Caller", "billing-service");
                    headers.set("X-Auth-User", "admin");
                    headers.set("X-Forwarded-For", "6.6.6.6");
                })
                .exchange();

        response.expectStatus().isOk();
        String requestId = response.returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        response.expectBody()
                .jsonPath("$.service").isEqualTo("crm-service")
                .jsonPath("$.headers.authorization").isEqualTo("Bearer " + token)
                .jsonPath("$.headers.x-request-id").isEqualTo(requestId)
                .jsonPath("$.headers.x-user-id").doesNotExist()
                .jsonPath("$.headers.x-org-id").doesNotExist()
                .jsonPath("$.headers.x-role").doesNotExist()
                .jsonPath("$.headers.x-internal-caller").doesNotExist()
                .jsonPath("$.headers.x-auth-user").doesNotExist()
                // the real peer, not the client's claim
                .jsonPath("$.headers.x-forwarded-for").isEqualTo("127.0.0.1");
    }

    static Stream<Arguments> refusedTokens() {
        String user = "0b5c8f5e-0000-4000-8000-00000000000a";
        return Stream.of(
                Arguments.of("garbage", "not-a-jwt"),
                Arguments.of("three garbage parts", "abc.def.ghi"),
                Arguments.of("tampered claims", TestTokens.tampered()),
                Arguments.of("signed by another key", TestTokens.sign(TestTokens.OTHER_KEY, TestTokens.claims(user, c -> {
                }))),
                Arguments.of("another key claiming the published kid", TestTokens.sign(
                        new RSAKey.Builder(TestTokens.OTHER_KEY).keyID(TestTokens.KEY.getKeyID()).build(),
                        TestTokens.claims(user, c -> {
                        }))),
                Arguments.of("alg none", TestTokens.algNone(TestTokens.claims(user, c -> {
                }))),
                Arguments.of("HS256 with the public key", TestTokens.hmacWithPublicKey(TestTokens.claims(user, c -> {
                }))),
                Arguments.of("expired", TestTokens.sign(TestTokens.KEY, TestTokens.claims(user, c -> c
                        .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(2700)))))),
                Arguments.of("wrong issuer", TestTokens.sign(TestTokens.KEY, TestTokens.claims(user, c -> c
                        .issuer("someone-else")))),
                Arguments.of("wrong audience", TestTokens.sign(TestTokens.KEY, TestTokens.claims(user, c -> c
                        .audience("another-platform")))),
                Arguments.of("no audience", TestTokens.sign(TestTokens.KEY, TestTokens.claims(user, c -> c
                        .audience((String) null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aBadTokenIsRefusedWith401ProblemDetailsAndNeverRouted(String name, String token) {
        int before = CRM.requests();

        web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectHeader().exists("X-Request-Id")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.detail").isEqualTo("The access token is invalid or expired")
                .jsonPath("$.trace").doesNotExist();

        assertThat(CRM.requests()).isEqualTo(before);
    }

    @Test
    void aTokenTamperedAfterItsGenuineFormWasAcceptedIsStillRefused() {
        String token = TestTokens.valid();
        web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk();
        String[] parts = token.split("\\.");
        String otherPayload = TestTokens.tampered().split("\\.")[1];
        web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(parts[0] + "." + otherPayload + "." + parts[2]))
                .exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(token + "x")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void theTraceIsPassedOnToTheServiceAndAClientsTraceIsContinued() {
        String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        web.get().uri("/api/crm/leads").headers(headers -> {
                    headers.setBearerAuth(TestTokens.valid());
                    headers.set("traceparent", "00-" + clientTrace + "-00f067aa0ba902b7-01");
                }).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers.traceparent").value(String.class, traceparent -> assertThat(traceparent)
                        .matches("00-" + clientTrace + "-[0-9a-f]{16}-01")
                        .doesNotContain("00f067aa0ba902b7"));
    }

    @Test
    void noTokenIsRefusedWith401ProblemDetails() {
        web.post().uri("/api/orgs").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.detail").exists();
        web.get().uri("/api/auth/me").exchange().expectStatus().isUnauthorized();
        // a public path with another method is not public
        web.get().uri("/api/auth/login").exchange().expectStatus().isUnauthorized();
        web.delete().uri("/api/stripe/webhook").exchange().expectStatus().isUnauthorized();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/auth/register, auth-service",
            "POST, /api/auth/login, auth-service",
            "POST, /api/auth/refresh, auth-service",
            "POST, /api/auth/logout, auth-service",
            "POST, /api/stripe/webhook, billing-service",
            "POST, /api/webhooks/linkedin, content-service",
            "GET, /api/webhooks/linkedin, content-service",
            "GET, /api/integrations/linkedin/callback, content-service",
    })
    void publicPathsNeedNoToken(String method, String path, String service) {
        web.method(HttpMethod.valueOf(method)).uri(path).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service).jsonPath("$.path").isEqualTo(path);
    }

    @Test
    void anExpiredTokenSentToAPublicPathIsIgnoredAndPassedOn() {
        String expired = TestTokens.sign(TestTokens.KEY, TestTokens.claims("u", c -> c
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(2700)))));
        web.post().uri("/api/auth/refresh").headers(headers -> headers.setBearerAuth(expired)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers.authorization").isEqualTo("Bearer " + expired);
    }

    @Test
    void healthAndTheKeySetNeedNoToken() {
        web.get().uri("/api/auth/jwks").exchange().expectStatus().isOk();
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
        web.get().uri("/actuator/info").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        // three services are not running here: DOWN, but answered, not refused
        web.get().uri("/api/health").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.services.crm-service").isEqualTo("UP");
    }

    @Test
    void aTokenSignedWithANewKeyIsAcceptedOnceTheKeySetHasIt() {
        web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(TestTokens.valid())).exchange()
                .expectStatus().isOk(); // the gateway has fetched and cached the set with the first key
        RSAKey rotated = TestTokens.generate("rotated-key");
        KEY_SET.set(TestTokens.jwks(rotated, TestTokens.KEY));
        try {
            String token = TestTokens.sign(rotated, TestTokens.claims("new-key-user", c -> {
            }));
            web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(token)).exchange()
                    .expectStatus().isOk();
            web.get().uri("/api/crm/leads").headers(headers -> headers.setBearerAuth(TestTokens.valid())).exchange()
                    .expectStatus().isOk();
        } finally {
            KEY_SET.set(TestTokens.jwks());
        }
    }

    @Test
    void aSaneRequestIdIsKeptAndPassedOn() {
        web.post().uri("/api/auth/login").header("X-Request-Id", "client-42.retry_1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "client-42.retry_1")
                .expectBody().jsonPath("$.headers.x-request-id").isEqualTo("client-42.retry_1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"has spaces in it", "semi;colon", "x'; drop table",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anInsaneRequestIdIsReplaced(String sent) {
        WebTestClient.ResponseSpec response = web.post().uri("/api/auth/login").header("X-Request-Id", sent).exchange();
        String requestId = response.returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(requestId).isNotEqualTo(sent).matches("[0-9a-f-]{36}");
        response.expectBody().jsonPath("$.headers.x-request-id").isEqualTo(requestId);
    }

    @Test
    void aRequestIdIsOnTheGatewaysOwnAnswersToo() {
        web.get().uri("/api/crm/leads").header("X-Request-Id", "abc-123").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "abc-123");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
        web.options().uri("/api/crm/leads")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, value -> assertThat(value).contains("POST"));
        web.options().uri("/api/auth/login")
                .header(HttpHeaders.ORIGIN, "http://console.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://console.example");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        web.options().uri("/api/crm/leads")
                .header(HttpHeaders.ORIGIN, "http://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        int before = AUTH.requests();
        web.post().uri("/api/auth/login").header(HttpHeaders.ORIGIN, "http://evil.example").exchange()
                .expectStatus().isForbidden();
        assertThat(AUTH.requests()).isEqualTo(before);
    }

    @Test
    void aCrossOriginAnswerExposesTheRequestIdAndRetryAfter() {
        web.get().uri("/api/crm/leads")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .headers(headers -> headers.setBearerAuth(TestTokens.valid()))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, value -> assertThat(List.of(value.split(",\\s*")))
                        .contains("X-Request-Id", "Retry-After"));
    }
}
