package com.aiceo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 3's "done means", through the gateway of the running platform: a new user registers, logs in,
 * invites a colleague, who accepts and switches organization — and is refused everywhere they do not
 * belong; bad tokens never pass the door.
 */
@ExtendWith(Platform.class)
class IdentityE2ETest {

    static final String PASSWORD = "correct horse battery staple";

    static JsonNode register(String email, String organization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("name", "E2E " + organization);
        body.put("organizationName", organization);
        Api.Answer answer = Api.post("/api/auth/register", null, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void registerInviteAcceptSwitchAndBeRefusedWhereYouDoNotBelong() {
        String annEmail = email("ann");
        String bobEmail = email("bob");
        JsonNode ann = register(annEmail, "Ann Ltd");
        JsonNode bob = register(bobEmail, "Bob GmbH");
        String annOrg = ann.get("organization").get("id").asString();
        String bobOrg = bob.get("organization").get("id").asString();
        assertThat(ann.get("organization").get("role").asString()).isEqualTo("owner");

        Api.Answer login = Api.post("/api/auth/login", null, Map.of("email", annEmail, "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        String annToken = login.json().get("accessToken").asString();
        assertThat(Api.get("/api/auth/me", annToken).json().get("activeOrganizationId").asString()).isEqualTo(annOrg);

        Api.Answer invitation = Api.post("/api/orgs/" + annOrg + "/invitations", annToken,
                Map.of("email", bobEmail, "role", "member"));
        assertThat(invitation.status()).as(invitation.toString()).isEqualTo(201);
        String bobToken = bob.get("accessToken").asString();
        Api.Answer accepted = Api.post("/api/invitations/" + invitation.json().get("token").asString() + "/accept",
                bobToken, null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        Api.Answer switched = Api.post("/api/orgs/" + annOrg + "/switch", bobToken, null);
        assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
        String bobInAnnOrg = switched.json().get("accessToken").asString();
        JsonNode me = Api.get("/api/auth/me", bobInAnnOrg).json();
        assertThat(me.get("activeOrganizationId").asString()).isEqualTo(annOrg);
        assertThat(me.get("organizations")).hasSize(2);

        // a member may not invite; nobody sees or enters an organization they do not belong to
        assertProblem(Api.post("/api/orgs/" + annOrg + "/invitations", bobInAnnOrg,
                Map.of("email", email("eve"), "role", "member")), 403);
        assertProblem(Api.get("/api/orgs/" + bobOrg + "/members", annToken), 404);
        assertProblem(Api.post("/api/orgs/" + bobOrg + "/switch", annToken, null), 404);
        JsonNode members = Api.get("/api/orgs/" + annOrg + "/members", annToken).json();
        assertThat(members.get("total").asInt()).isEqualTo(2);

        // removed from Ann's org, Bob can no longer switch into it
        String bobId = bob.get("user").get("id").asString();
        assertThat(Api.delete("/api/orgs/" + annOrg + "/members/" + bobId, annToken).status()).isEqualTo(204);
        assertProblem(Api.post("/api/orgs/" + annOrg + "/switch", bobToken, null), 404);
    }

    @Test
    void theDoorRefusesMissingForgedAndTamperedTokensOnEveryService() {
        JsonNode eve = register(email("eve"), "Eve Inc");
        String token = eve.get("accessToken").asString();
        String[] parts = token.split("\\.");
        tools.jackson.databind.node.ObjectNode claims = (tools.jackson.databind.node.ObjectNode)
                Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.put("org", UUID.randomUUID().toString());
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(Api.JSON.writeValueAsBytes(claims));
        String tampered = parts[0] + "." + forgedPayload + "." + parts[2];
        String algNone = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        for (String path : new String[] {"/api/crm/leads", "/api/ai/config", "/api/content/posts", "/api/billing/subscription",
                "/api/tasks", "/api/analytics/overview", "/api/auth/me"}) {
            assertProblem(Api.get(path, null), 401);
            assertProblem(Api.get(path, "garbage"), 401);
            assertProblem(Api.get(path, tampered), 401);
            assertProblem(Api.get(path, algNone), 401);
        }
        assertThat(Api.get("/api/auth/me", token).status()).isEqualTo(200);
    }

    @Test
    void healthIsPublicAndEveryAnswerCarriesARequestId() {
        Api.Answer health = Api.get("/api/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("services")).hasSize(7);
        assertThat(health.header("X-Request-Id")).isNotBlank();
        Api.Answer wrongPassword = Api.post("/api/auth/login", null, Map.of("email", email("nobody"), "password", "wrong-password-1"));
        assertProblem(wrongPassword, 401);
        assertThat(wrongPassword.header("X-Request-Id")).isNotBlank();
    }

    static void assertProblem(Api.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
        JsonNode body = answer.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(answer.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
