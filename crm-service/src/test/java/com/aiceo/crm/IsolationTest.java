package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Another organization's lead, activity or meeting is not found on any verb, and never listed. */
class IsolationTest extends CrmApiTest {

    private final UUID orgB = UUID.randomUUID();
    private final String tokenB = tokenFor(orgB);

    @Test
    void anotherOrganizationsLeadIsNotFoundOnEveryVerb() {
        Map<String, Object> lead = createLead("name", "Org A Lead");
        String path = "/api/crm/leads/" + lead.get("id");
        post(path + "/activities", Map.of("type", "call", "summary", "A's call")).expectStatus().isCreated();

        get(tokenB, path).expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.name").doesNotExist();
        patch(tokenB, path, Map.of("status", "won")).expectStatus().isNotFound();
        delete(tokenB, path).expectStatus().isNotFound();
        get(tokenB, path + "/activities").expectStatus().isNotFound();
        post(tokenB, path + "/activities", Map.of("type", "note")).expectStatus().isNotFound();

        // untouched for its own organization
        get(path).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("new").jsonPath("$.name").isEqualTo("Org A Lead");
        get(path + "/activities").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void anotherOrganizationsMeetingIsNotFoundOnEveryVerbAndItsLeadCannotBeAttached() {
        Map<String, Object> lead = createLead();
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        Map<?, ?> meeting = body(post("/api/crm/meetings", Map.of("title", "Demo", "leadId", lead.get("id"),
                "startsAt", start.toString(), "endsAt", start.plusSeconds(3600).toString())).expectStatus().isCreated());
        String path = "/api/crm/meetings/" + meeting.get("id");

        get(tokenB, path).expectStatus().isNotFound();
        patch(tokenB, path, Map.of("title", "Hijacked")).expectStatus().isNotFound();
        delete(tokenB, path).expectStatus().isNotFound();
        post(tokenB, "/api/crm/meetings", Map.of("title", "Sneaky", "leadId", lead.get("id"),
                "startsAt", start.toString(), "endsAt", start.plusSeconds(60).toString()))
                .expectStatus().isNotFound().expectBody().jsonPath("$.detail").isEqualTo("No such lead.");
        patch(path, Map.of("leadId", UUID.randomUUID().toString())).expectStatus().isNotFound();

        get(path).expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Demo");
        get(tokenB, "/api/crm/meetings?upcoming=false").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void listsSearchesAndExportsShowOnlyTheCallersOrganization() {
        createLead("name", "Shared Name", "company", "Acme");
        createLead(tokenB, lead("name", "Shared Name", "company", "Acme"));
        createLead(tokenB, lead("name", "Only B"));

        get("/api/crm/leads?q=shared").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1);
        get(tokenB, "/api/crm/leads").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2);
        get("/api/crm/leads").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("Shared Name");
        String csv = get("/api/crm/leads/export").expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(csv).contains("Shared Name").doesNotContain("Only B");
    }
}
