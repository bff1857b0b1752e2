package com.aiceo.crm;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Meetings: end after start, optional lead, upcoming list by default, partial update, delete. */
class MeetingApiTest extends CrmApiTest {

    private final Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private Map<String, Object> meeting(String title, Instant start) {
        return Map.of("title", title, "startsAt", start.toString(), "endsAt", start.plusSeconds(1800).toString(),
                "location", "Zoom");
    }

    @Test
    void endMustBeAfterStartAndFieldsAreChecked() {
        post("/api/crm/meetings", Map.of("title", "Backwards", "startsAt", tomorrow.toString(),
                "endsAt", tomorrow.minusSeconds(60).toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.endsAt").isEqualTo("must be after startsAt");
        post("/api/crm/meetings", Map.of("title", "Zero", "startsAt", tomorrow.toString(), "endsAt", tomorrow.toString()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.endsAt").isEqualTo("must be after startsAt");
        post("/api/crm/meetings", Map.of("title", "t".repeat(201), "startsAt", "soon", "leadId", "nope",
                "location", "l".repeat(201)))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.title").isEqualTo("must be at most 200 characters")
                .jsonPath("$.errors.startsAt").exists()
                .jsonPath("$.errors.endsAt").isEqualTo("is required")
                .jsonPath("$.errors.leadId").isEqualTo("must be an id")
                .jsonPath("$.errors.location").isEqualTo("must be at most 200 characters");
        get("/api/crm/meetings?upcoming=false").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void listsUpcomingMeetingsSoonestFirstByDefaultAndAllWhenAsked() {
        post("/api/crm/meetings", meeting("Later", tomorrow.plus(2, ChronoUnit.DAYS))).expectStatus().isCreated();
        post("/api/crm/meetings", meeting("Past", tomorrow.minus(3, ChronoUnit.DAYS))).expectStatus().isCreated();
        post("/api/crm/meetings", meeting("Soon", tomorrow)).expectStatus().isCreated();

        get("/api/crm/meetings").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].title").isEqualTo("Soon")
                .jsonPath("$.items[1].title").isEqualTo("Later");
        get("/api/crm/meetings?upcoming=false").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[0].title").isEqualTo("Later")
                .jsonPath("$.items[2].title").isEqualTo("Past");
        get("/api/crm/meetings?upcoming=maybe").expectStatus().isBadRequest();
    }

    @Test
    void aMeetingWithALeadCanBeMovedDetachedAndDeleted() {
        Map<String, Object> lead = createLead();
        Map<String, Object> body = new HashMap<>(meeting("Demo", tomorrow));
        body.put("leadId", lead.get("id"));
        Map<?, ?> created = body(post("/api/crm/meetings", body).expectStatus().isCreated());
        String path = "/api/crm/meetings/" + created.get("id");
        get(path).expectStatus().isOk().expectBody()
                .jsonPath("$.leadId").isEqualTo(lead.get("id"))
                .jsonPath("$.location").isEqualTo("Zoom")
                .jsonPath("$.startsAt").isEqualTo(tomorrow.toString());
        get("/api/crm/meetings?leadId=" + lead.get("id")).expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1);

        Instant later = tomorrow.plus(1, ChronoUnit.HOURS);
        patch(path, Map.of("startsAt", later.toString(), "endsAt", later.plusSeconds(600).toString()))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.startsAt").isEqualTo(later.toString())
                .jsonPath("$.title").isEqualTo("Demo")
                .jsonPath("$.leadId").isEqualTo(lead.get("id"));
        patch(path, Map.of("endsAt", later.minusSeconds(1).toString())).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.endsAt").isEqualTo("must be after startsAt");
        Map<String, Object> detach = new HashMap<>();
        detach.put("leadId", null);
        patch(path, detach).expectStatus().isOk().expectBody().jsonPath("$.leadId").doesNotExist();

        delete(path).expectStatus().isNoContent();
        get(path).expectStatus().isNotFound();
        delete(path).expectStatus().isNotFound();
    }

    @Test
    void deletingALeadKeepsItsMeetingsWithoutTheLead() {
        Map<String, Object> lead = createLead();
        Map<String, Object> body = new HashMap<>(meeting("Kept", tomorrow));
        body.put("leadId", lead.get("id"));
        Map<?, ?> created = body(post("/api/crm/meetings", body).expectStatus().isCreated());
        delete("/api/crm/leads/" + lead.get("id")).expectStatus().isNoContent();
        get("/api/crm/meetings/" + created.get("id")).expectStatus().isOk().expectBody()
                .jsonPath("$.title").isEqualTo("Kept").jsonPath("$.leadId").doesNotExist();
    }
}
