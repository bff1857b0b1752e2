package com.aiceo.e2e;

import static com.aiceo.e2e.IdentityE2ETest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's "done means", through the gateway: a user manages leads, activities and meetings, imports
 * and exports CSV and sees a score with its reasons — and another organization sees none of it.
 */
@ExtendWith(Platform.class)
class CrmE2ETest {

    private static String newOrganization(String name) {
        return IdentityE2ETest.register(IdentityE2ETest.email(name.replace(' ', '-').toLowerCase()), name)
                .get("accessToken").asString();
    }

    private static Map<String, Object> lead(String email) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("name", "Grace Hopper");
        lead.put("email", email);
        lead.put("company", "Navy");
        lead.put("title", "Rear Admiral");
        lead.put("source", "linkedin");
        lead.put("priority", "high");
        lead.put("status", "new");
        lead.put("value", 12000);
        return lead;
    }

    @Test
    void aUserManagesLeadsActivitiesAndMeetingsAndSeesTheScoreWithItsReasons() {
        String token = newOrganization("Leads Ltd");
        String email = "Grace." + UUID.randomUUID() + "@Example.com";
        Api.Answer created = Api.post("/api/crm/leads", token, lead(email));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode lead = created.json();
        String id = lead.get("id").asString();
        assertThat(lead.get("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(lead.get("score").asDouble()).isBetween(0.0, 1.0);
        assertProblem(Api.post("/api/crm/leads", token, lead(email)), 409);

        JsonNode fetched = Api.get("/api/crm/leads/" + id, token).json();
        assertThat(fetched.get("score").asDouble()).isEqualTo(lead.get("score").asDouble());
        assertThat(fetched.toString()).contains("high priority");

        Api.Answer activity = Api.post("/api/crm/leads/" + id + "/activities", token,
                Map.of("type", "call", "summary", "Discussed the pilot"));
        assertThat(activity.status()).as(activity.toString()).isEqualTo(201);
        JsonNode afterActivity = Api.get("/api/crm/leads/" + id, token).json();
        assertThat(afterActivity.get("lastActivityAt").isNull()).isFalse();
        assertThat(Api.get("/api/crm/leads/" + id + "/activities", token).json().get("total").asInt()).isEqualTo(1);

        Api.Answer patched = Api.patch("/api/crm/leads/" + id, token, Map.of("status", "qualified"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("status").asString()).isEqualTo("qualified");
        assertThat(patched.json().get("company").asString()).isEqualTo("Navy");

        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Answer meeting = Api.post("/api/crm/meetings", token, Map.of("leadId", id, "title", "Demo",
                "startsAt", start.toString(), "endsAt", start.plus(1, ChronoUnit.HOURS).toString()));
        assertThat(meeting.status()).as(meeting.toString()).isEqualTo(201);
        assertProblem(Api.post("/api/crm/meetings", token, Map.of("title", "Backwards",
                "startsAt", start.toString(), "endsAt", start.minus(1, ChronoUnit.HOURS).toString())), 400);
        assertThat(Api.get("/api/crm/meetings", token).json().get("total").asInt()).isEqualTo(1);

        Api.Answer list = Api.get("/api/crm/leads?status=qualified&q=grace&size=500", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total").asInt()).isEqualTo(1);
        assertThat(list.json().get("size").asInt()).isEqualTo(200);

        assertThat(Api.delete("/api/crm/meetings/" + meeting.json().get("id").asString(), token).status()).isEqualTo(204);
        assertThat(Api.delete("/api/crm/leads/" + id, token).status()).isEqualTo(204);
        assertProblem(Api.get("/api/crm/leads/" + id, token), 404);
    }

    @Test
    void anotherOrganizationsLeadsActivitiesAndMeetingsAreNotFound() {
        String ann = newOrganization("Ann Sales");
        String bob = newOrganization("Bob Sales");
        String id = Api.post("/api/crm/leads", ann, lead("lead-" + UUID.randomUUID() + "@example.com")).json()
                .get("id").asString();
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String meeting = Api.post("/api/crm/meetings", ann, Map.of("title", "Private", "startsAt", start.toString(),
                "endsAt", start.plus(1, ChronoUnit.HOURS).toString())).json().get("id").asString();

        assertProblem(Api.get("/api/crm/leads/" + id, bob), 404);
        assertProblem(Api.patch("/api/crm/leads/" + id, bob, Map.of("status", "lost")), 404);
        assertProblem(Api.delete("/api/crm/leads/" + id, bob), 404);
        assertProblem(Api.get("/api/crm/leads/" + id + "/activities", bob), 404);
        assertProblem(Api.post("/api/crm/leads/" + id + "/activities", bob, Map.of("type", "note", "summary", "x")), 404);
        assertProblem(Api.patch("/api/crm/meetings/" + meeting, bob, Map.of("title", "Mine now")), 404);
        assertProblem(Api.delete("/api/crm/meetings/" + meeting, bob), 404);
        assertProblem(Api.post("/api/crm/meetings", bob, Map.of("leadId", id, "title", "Hijack",
                "startsAt", start.toString(), "endsAt", start.plus(1, ChronoUnit.HOURS).toString())), 404);
        assertThat(Api.get("/api/crm/leads", bob).json().get("total").asInt()).isZero();
        assertThat(Api.get("/api/crm/meetings", bob).json().get("total").asInt()).isZero();
        assertThat(Api.get("/api/crm/leads/" + id, ann).json().get("status").asString()).isEqualTo("new");
    }

    @Test
    void badInputIsA400ProblemWithTheFieldsNamed() {
        String token = newOrganization("Strict Co");
        Api.Answer invalid = Api.post("/api/crm/leads", token, Map.of("name", "", "email", "not-an-email",
                "priority", "urgent", "value", -5));
        assertProblem(invalid, 400);
        assertThat(invalid.json().get("errors").propertyNames()).contains("email", "priority", "value");
        assertProblem(Api.send("POST", "/api/crm/leads", token, "application/json", "{\"name\": ", Map.of()), 400);
        assertProblem(Api.get("/api/crm/leads/not-a-uuid", token), 400);
    }

    @Test
    void csvInAndOut() {
        String token = newOrganization("Csv Corp");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "name,email,company,priority,source,value\n"
                + "\"Lovelace, Ada\",ada-" + tag + "@example.com,\"Analytical \"\"Engines\"\"\",high,referral,100\n"
                + "No Email,,Nowhere,low,web,1\n"
                + "Ada Again,ADA-" + tag + "@example.com,Dup,low,web,1\n"
                + "Alan Turing,alan-" + tag + "@example.com,Bletchley,medium,event,\n";
        Api.Answer imported = Api.send("POST", "/api/crm/leads/import", token, "text/csv", csv, Map.of());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        assertThat(imported.json().get("rejected")).hasSize(2);
        assertThat(imported.json().get("rejected").get(0).get("line").asInt()).isEqualTo(3);

        Api.Answer exported = Api.get("/api/crm/leads/export", token);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.header("Content-Type")).startsWith("text/csv");
        assertThat(exported.raw()).contains("\"Lovelace, Ada\"").contains("\"Analytical \"\"Engines\"\"\"")
                .contains("alan-" + tag + "@example.com");
    }
}
