package com.aiceo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Organizations, members, roles, the last-owner guard and invitations. */
class OrganizationApiTest extends AuthServiceComponentTest {

    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void memberChangesArePublishedInOrderForTheOrganization() {
        Map<String, Object> owner = AuthApi.register(web, AuthApi.uniqueEmail(), "Team");
        UUID orgId = AuthApi.orgId(owner);
        String email = AuthApi.uniqueEmail();
        Map<String, Object> member = AuthApi.register(web, email, "Own");
        String invitationToken = inviteAndAccept(owner, orgId, email, member);
        String memberPath = "/api/orgs/" + orgId + "/members/" + AuthApi.userId(member);
        patch(AuthApi.access(owner), memberPath, Map.of("role", "admin")).expectStatus().isOk();
        delete(AuthApi.access(owner), memberPath).expectStatus().isNoContent();

        AuthEvents.awaitFor(bootstrap, orgId, records -> {
            assertThat(records).extracting(AuthEvents::typeOf).containsExactly(
                    "auth.user.registered", "auth.organization.created", "auth.member.added",
                    "auth.invitation.created", "auth.invitation.accepted", "auth.member.added",
                    "auth.member.role-changed", "auth.member.removed");
            assertThat(records.get(6).value()).contains("\"previousRole\":\"member\"").contains("\"role\":\"admin\"");
            assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain("@example.com")
                    .doesNotContain(invitationToken));
        });
    }

    @Test
    void createAndSwitchToAnotherOrganization() throws Exception {
        Map<String, Object> ada = AuthApi.register(web, AuthApi.uniqueEmail(), "First");
        String token = AuthApi.access(ada);
        String secondId = post(token, "/api/orgs", Map.of("name", "Second")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();

        Map<?, ?> switched = post(token, "/api/orgs/" + secondId + "/switch", null).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        SignedJWT jwt = SignedJWT.parse((String) switched.get("accessToken"));
        assertThat(jwt.getJWTClaimsSet().getStringClaim("org")).isEqualTo(secondId);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("role")).isEqualTo("owner");
        assertThat(switched.get("refreshToken")).isNotNull();

        get((String) switched.get("accessToken"), "/api/auth/me").expectStatus().isOk().expectBody()
                .jsonPath("$.organizations.length()").isEqualTo(2)
                .jsonPath("$.activeOrganizationId").isEqualTo(secondId);
    }

    @Test
    void anOrganizationYouDoNotBelongToIsNotFound() {
        Map<String, Object> ada = AuthApi.register(web, AuthApi.uniqueEmail(), "Ada's");
        Map<String, Object> bob = AuthApi.register(web, AuthApi.uniqueEmail(), "Bob's");
        UUID bobsOrg = AuthApi.orgId(bob);
        String adaToken = AuthApi.access(ada);

        post(adaToken, "/api/orgs/" + bobsOrg + "/switch", null).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post(adaToken, "/api/orgs/" + UUID.randomUUID() + "/switch", null).expectStatus().isNotFound();
        post(adaToken, "/api/orgs/not-a-uuid/switch", null).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        get(adaToken, "/api/orgs/" + bobsOrg + "/members").expectStatus().isNotFound();
        patch(adaToken, "/api/orgs/" + bobsOrg + "/members/" + AuthApi.userId(bob), Map.of("role", "member"))
                .expectStatus().isNotFound();
        delete(adaToken, "/api/orgs/" + bobsOrg + "/members/" + AuthApi.userId(bob)).expectStatus().isNotFound();
        post(adaToken, "/api/orgs/" + bobsOrg + "/invitations", Map.of("email", "x@example.com", "role", "member"))
                .expectStatus().isNotFound();

        get(adaToken, "/api/orgs/" + AuthApi.orgId(ada) + "/members").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].userId").isEqualTo(AuthApi.userId(ada).toString())
                .jsonPath("$.items[0].role").isEqualTo("owner")
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(50);
    }

    @Test
    void invitationFlowRolesAndTheLastOwnerGuard() {
        Map<String, Object> owner = AuthApi.register(web, AuthApi.uniqueEmail(), "Team");
        String ownerToken = AuthApi.access(owner);
        UUID orgId = AuthApi.orgId(owner);
        String memberEmail = AuthApi.uniqueEmail();
        Map<String, Object> member = AuthApi.register(web, memberEmail, "Own");

        // Invite: token shown once, 7 days.
        Map<String, Object> invitation = post(ownerToken, "/api/orgs/" + orgId + "/invitations",
                Map.of("email", memberEmail, "role", "member")).expectStatus().isCreated()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(invitation).containsKeys("id", "token", "expiresAt");
        String invitationToken = (String) invitation.get("token");

        // Someone else cannot accept it; the invited user can, once.
        Map<String, Object> stranger = AuthApi.register(web, AuthApi.uniqueEmail(), "Elsewhere");
        post(AuthApi.access(stranger), "/api/invitations/" + invitationToken + "/accept", null)
                .expectStatus().isForbidden();
        String memberToken = AuthApi.access(member);
        post(memberToken, "/api/invitations/" + invitationToken + "/accept", null).expectStatus().isOk()
                .expectBody().jsonPath("$.organizationId").isEqualTo(orgId.toString())
                .jsonPath("$.role").isEqualTo("member")
                .jsonPath("$.userId").isEqualTo(AuthApi.userId(member).toString());
        post(memberToken, "/api/invitations/" + invitationToken + "/accept", null).expectStatus().isEqualTo(409);
        post(memberToken, "/api/invitations/unknown-token/accept", null).expectStatus().isNotFound();
        get(ownerToken, "/api/orgs/" + orgId + "/members").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2);

        // A member may read the members but not invite or change roles.
        get(memberToken, "/api/orgs/" + orgId + "/members").expectStatus().isOk();
        post(memberToken, "/api/orgs/" + orgId + "/invitations", Map.of("email", "x@example.com", "role", "member"))
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        patch(memberToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(owner), Map.of("role", "member"))
                .expectStatus().isForbidden();

        // The only owner cannot be demoted or removed.
        patch(ownerToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(owner), Map.of("role", "admin"))
                .expectStatus().isEqualTo(409);
        delete(ownerToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(owner)).expectStatus().isEqualTo(409);

        // Promote the member to admin: an admin still cannot make owners.
        patch(ownerToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(member), Map.of("role", "admin"))
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("admin");
        patch(memberToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(member), Map.of("role", "owner"))
                .expectStatus().isForbidden();
        patch(ownerToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(member), Map.of("role", "boss"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.role").exists();

        // With a second owner, the first can step down.
        patch(ownerToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(member), Map.of("role", "owner"))
                .expectStatus().isOk();
        patch(ownerToken, "/api/orgs/" + orgId + "/members/" + AuthApi.userId(owner), Map.of("role", "admin"))
                .expectStatus().isOk();
    }

    @Test
    void removingAMemberRevokesTheirRefreshTokensInThatOrganization() {
        Map<String, Object> owner = AuthApi.register(web, AuthApi.uniqueEmail(), "Team");
        UUID orgId = AuthApi.orgId(owner);
        String email = AuthApi.uniqueEmail();
        Map<String, Object> member = AuthApi.register(web, email, "Own");
        inviteAndAccept(owner, orgId, email, member);
        Map<?, ?> inTeam = post(AuthApi.access(member), "/api/orgs/" + orgId + "/switch", null)
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        delete(AuthApi.access(owner), "/api/orgs/" + orgId + "/members/" + AuthApi.userId(member))
                .expectStatus().isNoContent();

        web.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", inTeam.get("refreshToken"))).exchange()
                .expectStatus().isUnauthorized();
        // Their session in their own organization is untouched.
        web.post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", AuthApi.refresh(member))).exchange().expectStatus().isOk();
        get(AuthApi.access(owner), "/api/orgs/" + orgId + "/members").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void anExpiredInvitationIsGone() {
        Map<String, Object> owner = AuthApi.register(web, AuthApi.uniqueEmail(), "Team");
        String email = AuthApi.uniqueEmail();
        Map<String, Object> invited = AuthApi.register(web, email, "Own");
        Map<String, Object> invitation = post(AuthApi.access(owner), "/api/orgs/" + AuthApi.orgId(owner) + "/invitations",
                Map.of("email", email, "role", "admin")).expectStatus().isCreated()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        db.sql("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = :id")
                .bind("id", UUID.fromString((String) invitation.get("id"))).fetch().rowsUpdated().block();
        post(AuthApi.access(invited), "/api/invitations/" + invitation.get("token") + "/accept", null)
                .expectStatus().isEqualTo(410)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec post(String token, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = web.post().uri(uri).headers(h -> h.setBearerAuth(token));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec patch(String token, String uri, Object body) {
        return web.patch().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec delete(String token, String uri) {
        return web.delete().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec get(String token, String uri) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /**
     * The owner invites {@code email} as a member and that user (logged in as {@code member})
     * accepts; answers the invitation token.
     */
    private String inviteAndAccept(Map<String, Object> owner, UUID orgId, String email, Map<String, Object> member) {
        String invitationToken = post(AuthApi.access(owner), "/api/orgs/" + orgId + "/invitations",
                Map.of("email", email, "role", "member")).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        post(AuthApi.access(member), "/api/invitations/" + invitationToken + "/accept", null).expectStatus().isOk();
        return invitationToken;
    }
}
