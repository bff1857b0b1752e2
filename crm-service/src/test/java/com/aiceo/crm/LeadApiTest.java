package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Leads: create, read, partial update, delete, validation per field, duplicates, filters, paging, sort. */
class LeadApiTest extends CrmApiTest {

    @Test
    void createsALeadWithItsScoreAndReadsItBack() {
        Map<String, Object> created = createLead("name", "  Ada Lovelace ", "email", "  Ada.L@Example.COM ",
                "priority", "high", "source", "LinkedIn", "value", 12500.5, "title", "CTO", "phone", "+44 20 7946 0000",
                "notes", "met at a conference");
        assertThat(created.get("id")).isNotNull();
        assertThat(created.get("name")).isEqualTo("Ada Lovelace");
        assertThat(created.get("email")).isEqualTo("ada.l@example.com");
        assertThat(created.get("status")).isEqualTo("new");
        // the prior: 0.5 + 0.2 high priority + 0.1 company + 0.05 LinkedIn
        assertThat(((Number) created.get("score")).doubleValue()).isEqualTo(0.85);
        assertThat(created.get("scoreModel")).isEqualTo("prior");
        assertThat(created.get("lastActivityAt")).isNull();

        get("/api/crm/leads/" + created.get("id")).expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo("ada.l@example.com")
                .jsonPath("$.value").isEqualTo(12500.5)
                .jsonPath("$.score").isEqualTo(0.85)
                .jsonPath("$.scoreFactors.length()").isEqualTo(3)
                .jsonPath("$.scoreFactors[0].feature").isEqualTo("priority")
                .jsonPath("$.scoreFactors[0].reason").isEqualTo("high priority")
                .jsonPath("$.scoreFactors[0].impact").isEqualTo(0.2)
                .jsonPath("$.createdAt").value(v -> assertThat((String) v).endsWith("Z"));
    }

    @Test
    void defaultsPriorityAndStatusAndScoresALeadWithoutSignalsAtTheBase() {
        Map<String, Object> created = createLead("priority", null, "status", null, "company", null, "source", null);
        assertThat(created.get("priority")).isEqualTo("medium");
        assertThat(created.get("status")).isEqualTo("new");
        assertThat(((Number) created.get("score")).doubleValue()).isEqualTo(0.5);
        assertThat((List<?>) created.get("scoreFactors")).hasSize(1);
    }

    @Test
    void refusesEachInvalidFieldWithItsOwnError() {
        Map<String, Object> bad = lead("name", "x".repeat(201), "email", "not-an-email", "company", "c".repeat(201),
                "title", "t".repeat(201), "phone", "5".repeat(51), "source", "s".repeat(101), "priority", "urgent",
                "status", "closed", "notes", "n".repeat(5001), "value", -1);
        post("/api/crm/leads", bad).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors.name").isEqualTo("must be at most 200 characters")
                .jsonPath("$.errors.email").isEqualTo("is not a valid email address")
                .jsonPath("$.errors.company").isEqualTo("must be at most 200 characters")
                .jsonPath("$.errors.title").isEqualTo("must be at most 200 characters")
                .jsonPath("$.errors.phone").isEqualTo("must be at most 50 characters")
                .jsonPath("$.errors.source").isEqualTo("must be at most 100 characters")
                .jsonPath("$.errors.priority").value(v -> assertThat((String) v).startsWith("must be one of low"))
                .jsonPath("$.errors.status").value(v -> assertThat((String) v).startsWith("must be one of new"))
                .jsonPath("$.errors.notes").isEqualTo("must be at most 5000 characters")
                .jsonPath("$.errors.value").isEqualTo("must be zero or more");

        post("/api/crm/leads", Map.of()).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.name").isEqualTo("is required")
                .jsonPath("$.errors.email").isEqualTo("is required");
        post("/api/crm/leads", lead("name", 42, "value", "lots")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.name").isEqualTo("must be a string")
                .jsonPath("$.errors.value").isEqualTo("must be a number");
        post("/api/crm/leads", lead("value", 1.005)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.value").isEqualTo("must have at most 2 decimals");
        post("/api/crm/leads", lead("value", 1e13)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.value").value(v -> assertThat((String) v).startsWith("must be at most"));
        get("/api/crm/leads?page=0&size=200").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void malformedJsonIsA400ProblemNotAStackTrace() {
        web.post().uri("/api/crm/leads").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"Ada\", ")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.trace").doesNotExist();
        web.post().uri("/api/crm/leads").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("[1, 2]")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        get("/api/crm/leads/not-a-uuid").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aDuplicateEmailInTheOrganizationIsAConflictButAnotherOrganizationMayHaveIt() {
        String email = uniqueEmail();
        createLead("email", email);
        post("/api/crm/leads", lead("email", "  " + email.toUpperCase() + " ")).expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.detail").value(d -> assertThat((String) d).doesNotContain(email));
        createLead(tokenFor(UUID.randomUUID()), lead("email", email));

        Map<String, Object> other = createLead();
        patch("/api/crm/leads/" + other.get("id"), Map.of("email", email.toUpperCase())).expectStatus().isEqualTo(409);
        get("/api/crm/leads/" + other.get("id")).expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo(other.get("email"));
    }

    @Test
    void patchChangesOnlyTheFieldsPresent() {
        Map<String, Object> created = createLead("title", "CEO", "value", 100, "notes", "first call");
        String path = "/api/crm/leads/" + created.get("id");
        patch(path, Map.of("priority", "high", "notes", "second call")).expectStatus().isOk().expectBody()
                .jsonPath("$.priority").isEqualTo("high")
                .jsonPath("$.notes").isEqualTo("second call")
                .jsonPath("$.title").isEqualTo("CEO")
                .jsonPath("$.name").isEqualTo("Grace Hopper")
                .jsonPath("$.value").isEqualTo(100.0)
                .jsonPath("$.score").isEqualTo(0.8);
        java.util.HashMap<String, Object> clear = new java.util.HashMap<>();
        clear.put("title", null);
        clear.put("company", null);
        patch(path, clear).expectStatus().isOk().expectBody()
                .jsonPath("$.title").doesNotExist()
                .jsonPath("$.company").doesNotExist()
                .jsonPath("$.notes").isEqualTo("second call")
                .jsonPath("$.score").isEqualTo(0.7);
        java.util.HashMap<String, Object> noName = new java.util.HashMap<>();
        noName.put("name", null);
        patch(path, noName).expectStatus().isBadRequest().expectBody().jsonPath("$.errors.name").isEqualTo("is required");
        patch(path, Map.of("status", "maybe", "value", -5)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.status").exists().jsonPath("$.errors.value").isEqualTo("must be zero or more");
        get(path).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("new")
                .jsonPath("$.name").isEqualTo("Grace Hopper");
        patch("/api/crm/leads/" + UUID.randomUUID(), Map.of("status", "won")).expectStatus().isNotFound();
    }

    @Test
    void deletesALead() {
        Map<String, Object> created = createLead();
        String path = "/api/crm/leads/" + created.get("id");
        delete(path).expectStatus().isNoContent();
        get(path).expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        delete(path).expectStatus().isNotFound();
    }

    @Test
    void listsWithFiltersPagingAndSort() {
        createLead("name", "Alan Turing", "company", "Bletchley", "priority", "high", "status", "qualified");
        createLead("name", "Joan Clarke", "company", "Bletchley Park", "status", "contacted");
        createLead("name", "Tommy Flowers", "company", "Post Office", "email", "tommy_100%@gpo.example");
        createLead("name", "Barbara Liskov", "company", null, "priority", "low");

        get("/api/crm/leads").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(4).jsonPath("$.page").isEqualTo(0).jsonPath("$.size").isEqualTo(50)
                .jsonPath("$.items.length()").isEqualTo(4)
                .jsonPath("$.items[0].name").isEqualTo("Barbara Liskov"); // newest first by default
        get("/api/crm/leads?q=bletch").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2);
        get("/api/crm/leads?q=JOAN").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Joan Clarke");
        web.get().uri(b -> b.path("/api/crm/leads").queryParam("q", "{q}").build("100%@"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody() // % is literal, not a wildcard
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Tommy Flowers");
        get("/api/crm/leads?q=_").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        get("/api/crm/leads?status=qualified").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Alan Turing");
        get("/api/crm/leads?minScore=0.75").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Alan Turing");
        get("/api/crm/leads?sort=score&size=2").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(4).jsonPath("$.size").isEqualTo(2)
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].name").isEqualTo("Alan Turing")
                .jsonPath("$.items[1].score").isEqualTo(0.6);
        get("/api/crm/leads?sort=score&size=2&page=1").expectStatus().isOk().expectBody()
                .jsonPath("$.page").isEqualTo(1).jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[1].name").isEqualTo("Barbara Liskov");
        get("/api/crm/leads?size=500").expectStatus().isOk().expectBody().jsonPath("$.size").isEqualTo(200);
        // no lead is older than a day, so none is stale by 1 day; all are "stale" by 0 days
        get("/api/crm/leads?staleDays=1").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        get("/api/crm/leads?staleDays=0").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(4);

        get("/api/crm/leads?status=open&minScore=2&staleDays=-1&sort=name&page=-1&size=x").expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.status").exists()
                .jsonPath("$.errors.minScore").isEqualTo("must be between 0 and 1")
                .jsonPath("$.errors.staleDays").exists()
                .jsonPath("$.errors.sort").exists()
                .jsonPath("$.errors.page").exists()
                .jsonPath("$.errors.size").exists();
    }

    @Test
    void staleDaysFindsLeadsWithoutRecentActivity() {
        Map<String, Object> quiet = createLead("name", "Quiet One");
        Map<String, Object> busy = createLead("name", "Busy One");
        db.sql("UPDATE lead SET created_at = now() - interval '30 days' WHERE id = :id")
                .bind("id", UUID.fromString((String) quiet.get("id"))).fetch().rowsUpdated().block();
        db.sql("UPDATE lead SET created_at = now() - interval '30 days' WHERE id = :id")
                .bind("id", UUID.fromString((String) busy.get("id"))).fetch().rowsUpdated().block();
        post("/api/crm/leads/" + busy.get("id") + "/activities",
                Map.of("type", "call", "occurredAt", java.time.Instant.now().minusSeconds(2 * 86400).toString()))
                .expectStatus().isCreated();
        get("/api/crm/leads?staleDays=7").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Quiet One");
        get("/api/crm/leads?sort=lastActivity").expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].name").isEqualTo("Busy One");
    }

    @Test
    void theListsAndSearchAreIndexedPerOrganization() {
        List<String> indexes = db.sql("SELECT indexname FROM pg_indexes WHERE schemaname = :schema AND tablename = 'lead'")
                .bind("schema", schema).map(r -> r.get("indexname", String.class)).all().collectList().block();
        // the test database connects as an administrator, so pg_trgm is there and the search index too
        assertThat(indexes).contains("lead_org_email", "lead_org_created", "lead_org_score", "lead_org_last_activity",
                "lead_org_status", "lead_org_stale", "lead_search_trgm");
    }
}
