package com.aiceo.auth;

import static com.aiceo.auth.AuthApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/** Register, login, me, refresh rotation and reuse, logout, validation, throttling, events. */
class AccountApiTest extends AuthServiceComponentTest {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    @SuppressWarnings("unchecked")
    void registerThenLoginThenMe() {
        String email = AuthApi.uniqueEmail();
        Map<String, Object> registered = AuthApi.register(web, email, "Acme");
        assertThat(registered).containsKeys("accessToken", "refreshToken", "expiresIn", "user", "organization");
        assertThat(registered.get("expiresIn")).isEqualTo(900);
        assertThat((Map<String, Object>) registered.get("user")).containsEntry("email", email.toLowerCase())
                .containsEntry("name", "Ada Lovelace");
        assertThat((Map<String, Object>) registered.get("organization")).containsEntry("name", "Acme")
                .containsEntry("role", "owner");

        // Email is normalised: surrounding blanks and case do not matter.
        AuthApi.login(web, "  " + email.toUpperCase() + " ", PASSWORD, AuthApi.newAddress())
                .expectStatus().isOk()
                .expectBody().jsonPath("$.organization.id").isEqualTo(AuthApi.orgId(registered).toString())
                .jsonPath("$.organization.role").isEqualTo("owner")
                .jsonPath("$.user.id").isEqualTo(AuthApi.userId(registered).toString())
                .jsonPath("$.accessToken").isNotEmpty()
                .jsonPath("$.refreshToken").isNotEmpty();

        web.get().uri("/api/auth/me").headers(h -> h.setBearerAuth(AuthApi.access(registered)))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.user.id").isEqualTo(AuthApi.userId(registered).toString())
                .jsonPath("$.user.email").isEqualTo(email.toLowerCase())
                .jsonPath("$.organizations.length()").isEqualTo(1)
                .jsonPath("$.organizations[0].role").isEqualTo("owner")
                .jsonPath("$.activeOrganizationId").isEqualTo(AuthApi.orgId(registered).toString());
    }

    @Test
    void duplicateEmailIsAConflictWhateverTheCase() {
        String email = AuthApi.uniqueEmail();
        AuthApi.register(web, email, "One");
        web.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", PASSWORD, "name", "B",
                        "organizationName", "Two"))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(409);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = AuthApi.uniqueEmail();
        AuthApi.register(web, email, "Acme");
        byte[] wrongPassword = AuthApi.login(web, email, "Wrong-password-1", AuthApi.newAddress())
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBodyContent();
        byte[] unknownEmail = AuthApi.login(web, AuthApi.uniqueEmail(), "Wrong-password-1", AuthApi.newAddress())
                .expectStatus().isUnauthorized()
                .expectBody().returnResult().getResponseBodyContent();
        assertThat(new String(unknownEmail)).isEqualTo(new String(wrongPassword)).contains("\"status\":401");
    }

    @Test
    void weakPasswordAndBadFieldsAreRefusedPerField() {
        for (String weak : List.of("short1A", "aaaaaaaaaaaa", "123456789012")) {
            web.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", AuthApi.uniqueEmail(), "password", weak, "name", "A",
                            "organizationName", "O"))
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors.password").exists()
                    .jsonPath("$.errors.email").doesNotExist();
        }
        web.post().uri("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-email", "password", PASSWORD))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.email").exists()
                .jsonPath("$.errors.name").isEqualTo("is required")
                .jsonPath("$.errors.organizationName").isEqualTo("is required");
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        for (String uri : List.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh")) {
            web.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\": ")
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(400)
                    .jsonPath("$.trace").doesNotExist();
        }
        // Well-formed JSON of the wrong shape, and no body at all.
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": {\"x\": 1}, \"password\": [1]}")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        Map<String, Object> session = AuthApi.register(web, AuthApi.uniqueEmail(), "Acme");
        String first = AuthApi.refresh(session);

        String second = refresh(first).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("refreshToken").toString();
        assertThat(second).isNotEqualTo(first);
        String third = refresh(second).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("refreshToken").toString();

        // The spent first token comes back: refused, and the whole family is revoked with it.
        refresh(first).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        refresh(third).expectStatus().isUnauthorized();
        refresh("no-such-token").expectStatus().isUnauthorized();
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        Map<String, Object> session = AuthApi.register(web, AuthApi.uniqueEmail(), "Acme");
        web.post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", AuthApi.refresh(session)))
                .exchange().expectStatus().isNoContent();
        refresh(AuthApi.refresh(session)).expectStatus().isUnauthorized();
        // Idempotent, and says nothing about unknown tokens.
        web.post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", "unknown")).exchange().expectStatus().isNoContent();
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() {
        String email = AuthApi.uniqueEmail();
        AuthApi.register(web, email, "Acme");
        for (int i = 0; i < 5; i++) {
            AuthApi.login(web, email, "Wrong-password-" + i, AuthApi.newAddress()).expectStatus().isUnauthorized();
        }
        // Even the right password is refused now, from any address, until the window passes.
        AuthApi.login(web, email, PASSWORD, AuthApi.newAddress())
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 900L))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(429);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() {
        String address = AuthApi.newAddress();
        for (int i = 0; i < 20; i++) {
            AuthApi.login(web, AuthApi.uniqueEmail(), "Wrong-password-1", address).expectStatus().isUnauthorized();
        }
        AuthApi.login(web, AuthApi.uniqueEmail(), "Wrong-password-1", address)
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
        // Another address is not affected.
        AuthApi.login(web, AuthApi.uniqueEmail(), "Wrong-password-1", AuthApi.newAddress())
                .expectStatus().isUnauthorized();
    }

    @Test
    void registrationPublishesItsEventsOnAuthEventsWithoutPersonalData() {
        Map<String, Object> session = AuthApi.register(web, AuthApi.uniqueEmail(), "Evented");
        String userId = AuthApi.userId(session).toString();
        AuthEvents.awaitFor(bootstrap, AuthApi.orgId(session), records -> {
            assertThat(records).extracting(AuthEvents::typeOf).containsExactly(
                    "auth.user.registered", "auth.organization.created", "auth.member.added");
            assertThat(records.get(0).value()).contains(userId).contains("Ada Lovelace")
                    .doesNotContain("@example.com").doesNotContain(PASSWORD);
            assertThat(records.get(2).value()).contains(userId).contains("\"owner\"");
        });
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec refresh(String token) {
        return web.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", token)).exchange();
    }
}
