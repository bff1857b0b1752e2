package com.aiceo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

class CallerTest {

    private static Jwt.Builder jwt(String sub, String org, String role) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(900));
        if (sub != null) {
            b.subject(sub);
        }
        if (org != null) {
            b.claim("org", org);
        }
        if (role != null) {
            b.claim("role", role);
        }
        return b;
    }

    @Test
    void rolesAreOrderedOwnerAdminMember() {
        assertThat(Role.OWNER.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.OWNER)).isFalse();
        assertThat(Role.MEMBER.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.MEMBER.atLeast(Role.MEMBER)).isTrue();
        assertThat(Role.fromClaim("admin")).isEqualTo(Role.ADMIN);
        assertThat(Role.OWNER.value()).isEqualTo("owner");
        assertThatThrownBy(() -> Role.fromClaim("superuser")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Role.fromClaim(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheCallerFromTheTokenClaims() {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        Caller caller = Caller.of(jwt(user.toString(), org.toString(), "owner").claim("email", "a@b.c").build());
        assertThat(caller).isEqualTo(new Caller(user, org, Role.OWNER, "a@b.c"));
        assertThat(caller.toString()).doesNotContain("a@b.c");
    }

    @Test
    void refusesATokenThatDoesNotNameACaller() {
        String user = UUID.randomUUID().toString();
        String org = UUID.randomUUID().toString();
        for (Jwt bad : new Jwt[] {jwt(user, null, "member").build(), jwt(user, org, null).build(),
                jwt(user, "not-a-uuid", "member").build(), jwt("nope", org, "member").build(),
                jwt(user, org, "root").build()}) {
            assertThatThrownBy(() -> Caller.of(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new CallerClaimsValidator().validate(bad).hasErrors()).isTrue();
        }
        assertThat(new CallerClaimsValidator().validate(jwt(user, org, "member").build()).hasErrors()).isFalse();
    }

    @Test
    void requireRefusesAWeakerRoleWithA403Problem() {
        Caller member = new Caller(UUID.randomUUID(), UUID.randomUUID(), Role.MEMBER, null);
        Caller owner = new Caller(UUID.randomUUID(), UUID.randomUUID(), Role.OWNER, null);
        assertThat(owner.require(Role.ADMIN)).isSameAs(owner);
        assertThat(member.require(Role.MEMBER)).isSameAs(member);
        assertThatThrownBy(() -> member.require(Role.ADMIN))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.getBody().getDetail()).contains("admin");
                });
    }

    @Test
    void problemJsonEscapesText() {
        assertThat(Problems.json("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
    }
}
