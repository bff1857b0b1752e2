package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiceo.testsupport.ServiceComponentTest;
import com.aiceo.testsupport.TestTokens;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * crm-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}, plus
 * the caller from platform-security as handlers see it (through the test-only {@link CallerProbeController}).
 */
@TestPropertySource(properties = "platform.security.public-paths=/api/test/public/**")
class CrmServiceComponentTest extends ServiceComponentTest {

    private WebTestClient.ResponseSpec get(String path, String token) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    @Test
    void aHandlerGetsTheCallerTheTokenNames() {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        String token = TestTokens.token(user, org, "member");
        for (String path : new String[] {"/api/test/whoami", "/api/test/whoami-from-context"}) {
            get(path, token).expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.userId").isEqualTo(user.toString())
                    .jsonPath("$.orgId").isEqualTo(org.toString())
                    .jsonPath("$.role").isEqualTo("MEMBER")
                    .jsonPath("$.email").isEqualTo("user-" + user + "@example.com");
        }
    }

    @Test
    void aMemberIsRefusedAnAdminActionWithA403Problem() {
        get("/api/test/admin-only", TestTokens.token("member"))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("admin"))
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void adminsAndOwnersMayDoAdminActionsInTheirTokensOrganization() {
        for (String role : new String[] {"admin", "owner"}) {
            UUID org = UUID.randomUUID();
            get("/api/test/admin-only", TestTokens.token(UUID.randomUUID(), org, role))
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.orgId").isEqualTo(org.toString())
                    .jsonPath("$.role").isEqualTo(role);
        }
    }

    @Test
    void aRoleCheckOnTheReactiveContextRefusesWith403Too() {
        get("/api/test/owner-only-from-context", TestTokens.token("admin"))
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403);
        get("/api/test/owner-only-from-context", TestTokens.token("owner")).expectStatus().isOk();
    }

    @Autowired
    ReactiveJwtDecoder decoder;

    /** Each bad token is refused for its own reason (not, say, because every token fails). */
    @Test
    void thePlatformDecoderRefusesEachBadTokenForItsOwnReason() {
        Map<TestTokens.Bad, String> reasons = new EnumMap<>(TestTokens.Bad.class);
        reasons.put(TestTokens.Bad.EXPIRED, "expired");
        reasons.put(TestTokens.Bad.WRONG_ISSUER, "iss claim");
        reasons.put(TestTokens.Bad.WRONG_AUDIENCE, "aud claim");
        reasons.put(TestTokens.Bad.SIGNED_BY_ANOTHER_KEY, "Failed to validate");
        reasons.put(TestTokens.Bad.TAMPERED_PAYLOAD, "Failed to validate");
        reasons.put(TestTokens.Bad.ALG_NONE, "algorithm of none");
        reasons.put(TestTokens.Bad.HS256_WITH_PUBLIC_KEY, "algorithm of HS256");
        reasons.put(TestTokens.Bad.MISSING_ORG_CLAIM, "organization");
        reasons.put(TestTokens.Bad.MISSING_ROLE_CLAIM, "role");
        assertThat(reasons).hasSize(TestTokens.Bad.values().length);
        reasons.forEach((bad, reason) -> assertThatThrownBy(() -> decoder.decode(bad.token()).block())
                .as(bad.name()).isInstanceOf(JwtException.class).hasMessageContaining(reason));
        assertThat(decoder.decode(TestTokens.token("member")).block().getClaimAsString("role")).isEqualTo("member");
    }

    @Test
    void theCallerEndpointsAreNotReachableWithoutAValidToken() {
        web.get().uri("/api/test/whoami").exchange().expectStatus().isUnauthorized();
        get("/api/test/whoami", TestTokens.Bad.MISSING_ORG_CLAIM.token()).expectStatus().isUnauthorized();
        get("/api/test/whoami", TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "superuser"))
                .expectStatus().isUnauthorized();
    }

    @Test
    void aPublicPathNeedsNoTokenButAHandlerAskingForTheCallerThereAnswers401() {
        web.get().uri("/api/test/public/ping").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("pong");
        for (String path : new String[] {"/api/test/public/whoami", "/api/test/public/whoami-from-context"}) {
            web.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        }
        // A bad token is refused even on a public path.
        get("/api/test/public/ping", TestTokens.Bad.EXPIRED.token()).expectStatus().isUnauthorized();
    }
}
