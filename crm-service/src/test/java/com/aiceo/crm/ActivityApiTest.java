package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Activities: logging keeps lastActivityAt at the latest occurredAt and re-scores the lead. */
class ActivityApiTest extends CrmApiTest {

    @Test
    void lastActivityAtIsTheLatestOccurredAtAndABackDatedActivityDoesNotMoveItBack() {
        Map<String, Object> lead = createLead();
        String path = "/api/crm/leads/" + lead.get("id");
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant lastWeek = yesterday.minus(6, ChronoUnit.DAYS);

        post(path + "/activities", Map.of("type", "call", "summary", "intro call", "occurredAt", yesterday.toString()))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.type").isEqualTo("call").jsonPath("$.source").isEqualTo("user")
                .jsonPath("$.occurredAt").isEqualTo(yesterday.toString());
        get(path).expectStatus().isOk().expectBody().jsonPath("$.lastActivityAt").isEqualTo(yesterday.toString());

        post(path + "/activities", Map.of("type", "email", "occurredAt", lastWeek.toString())).expectStatus().isCreated();
        get(path).expectStatus().isOk().expectBody().jsonPath("$.lastActivityAt").isEqualTo(yesterday.toString());

        Map<?, ?> now = body(post(path + "/activities", Map.of("type", "note", "summary", "no time given"))
                .expectStatus().isCreated());
        Instant nowAt = Instant.parse((String) now.get("occurredAt"));
        assertThat(nowAt).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        get(path).expectStatus().isOk().expectBody().jsonPath("$.lastActivityAt").isEqualTo(now.get("occurredAt"));

        get(path + "/activities").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[0].type").isEqualTo("note")
                .jsonPath("$.items[1].type").isEqualTo("call")
                .jsonPath("$.items[2].type").isEqualTo("email");
    }

    @Test
    void loggingActivitiesReScoresTheLead() {
        Map<String, Object> lead = createLead("company", null, "priority", "low");
        String path = "/api/crm/leads/" + lead.get("id");
        assertThat(((Number) lead.get("score")).doubleValue()).isEqualTo(0.5);
        for (int i = 0; i < 4; i++) {
            post(path + "/activities", Map.of("type", "followup")).expectStatus().isCreated();
        }
        // the prior: more than 3 activities adds 0.15
        get(path).expectStatus().isOk().expectBody()
                .jsonPath("$.score").isEqualTo(0.65)
                .jsonPath("$.scoreFactors[0].feature").isEqualTo("activities")
                .jsonPath("$.scoreFactors[0].reason").isEqualTo("4 activities logged");
    }

    @Test
    void refusesInvalidActivities() {
        Map<String, Object> lead = createLead();
        String path = "/api/crm/leads/" + lead.get("id") + "/activities";
        post(path, Map.of("type", "fax", "summary", "s".repeat(2001), "occurredAt", "yesterday"))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.type").value(v -> assertThat((String) v).startsWith("must be one of email"))
                .jsonPath("$.errors.summary").isEqualTo("must be at most 2000 characters")
                .jsonPath("$.errors.occurredAt").exists();
        post(path, Map.of("type", "call", "occurredAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.occurredAt").isEqualTo("must not be in the future");
        post(path, Map.of()).expectStatus().isBadRequest().expectBody().jsonPath("$.errors.type").isEqualTo("is required");
        post("/api/crm/leads/" + java.util.UUID.randomUUID() + "/activities", Map.of("type", "call"))
                .expectStatus().isNotFound();
        get(path).expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }
}
