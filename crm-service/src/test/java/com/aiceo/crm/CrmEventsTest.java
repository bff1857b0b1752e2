package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every change leaves as exactly one event of its kind on crm.events, keyed by the organization, without personal data. */
class CrmEventsTest extends CrmApiTest {

    @Test
    void eachChangePublishesItsEventsInOrderWithoutPersonalData() {
        String email = uniqueEmail();
        Map<String, Object> lead = createLead("name", "Private Person", "email", email, "phone", "+1 555 0199",
                "priority", "low", "company", null, "source", "website", "value", 5000);
        String path = "/api/crm/leads/" + lead.get("id");
        patch(path, Map.of("notes", "nothing that changes the score")).expectStatus().isOk();
        patch(path, Map.of("status", "contacted", "priority", "high")).expectStatus().isOk();
        post(path + "/activities", Map.of("type", "call", "summary", "talked to Private Person")).expectStatus().isCreated();
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS);
        post("/api/crm/meetings", Map.of("title", "Demo", "leadId", lead.get("id"), "startsAt", start.toString(),
                "endsAt", start.plusSeconds(3600).toString())).expectStatus().isCreated();
        patch(path, Map.of()).expectStatus().isOk(); // no change, no event
        delete(path).expectStatus().isNoContent();

        awaitEvents(org, records -> {
            assertThat(records).extracting(CrmApiTest::typeOf).containsExactly(
                    "crm.lead.created",
                    "crm.lead.updated",                                   // notes only: same score, no crm.lead.scored
                    "crm.lead.updated", "crm.lead.status-changed", "crm.lead.scored", // 0.5 -> 0.7
                    "crm.activity.logged",                                // prior ignores a single activity
                    "crm.meeting.scheduled",                              // nor meetings
                    "crm.lead.deleted");
            assertThat(records.get(0).value()).contains("\"leadId\":\"" + lead.get("id") + "\"")
                    .contains("\"status\":\"new\"").contains("\"score\":0.5").contains("\"value\":5000");
            assertThat(records.get(3).value()).contains("\"previousStatus\":\"new\"").contains("\"status\":\"contacted\"");
            assertThat(records.get(4).value()).contains("\"score\":0.7").contains("\"model\":\"prior\"");
            assertThat(records.get(5).value()).contains("\"type\":\"call\"").contains("\"source\":\"user\"");
            assertThat(records).allSatisfy(r -> assertThat(r.value())
                    .doesNotContain(email).doesNotContain("Private Person").doesNotContain("555 0199")
                    .doesNotContain("talked to"));
        });
    }
}
