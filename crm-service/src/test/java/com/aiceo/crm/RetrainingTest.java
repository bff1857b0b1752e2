package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lead score learns: an organization scores with the prior until it has 20 won/lost outcomes (3 of each),
 * then with its own logistic model, retrained after outcomes change and applied to its open leads.
 */
class RetrainingTest extends CrmApiTest {

    @Test
    void anOrganizationSwitchesFromThePriorToItsOwnModelAfterTwentyOutcomes() {
        Map<String, Object> open = createLead("priority", "high", "source", "referral");
        List<String> closing = new ArrayList<>();
        for (int i = 0; i < 11; i++) { // would-be winners: high priority, referral, with a company
            closing.add((String) createLead("priority", "high", "source", "referral").get("id"));
        }
        for (int i = 0; i < 10; i++) { // would-be losers: low priority, website, no company
            closing.add((String) createLead("priority", "low", "source", "website", "company", null).get("id"));
        }
        for (int i = 0; i < 19; i++) { // 19 outcomes (11 won, 8 lost): still the prior
            patch("/api/crm/leads/" + closing.get(i), Map.of("status", i < 11 ? "won" : "lost")).expectStatus().isOk();
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                get("/api/crm/leads/" + open.get("id")).expectStatus().isOk().expectBody()
                        .jsonPath("$.scoreModel").isEqualTo("prior"));
        // 20 or more: the model is trained and the open lead re-scored with it
        patch("/api/crm/leads/" + closing.get(19), Map.of("status", "lost")).expectStatus().isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get("/api/crm/leads/" + open.get("id")).expectStatus().isOk().expectBody()
                        .jsonPath("$.scoreModel").isEqualTo("logistic-v1")
                        .jsonPath("$.score").value(s -> assertThat(((Number) s).doubleValue()).isGreaterThan(0.7))
                        .jsonPath("$.scoreFactors.length()").isEqualTo(3));
        Map<String, Object> loser = createLead("priority", "low", "source", "website", "company", null);
        assertThat(loser.get("scoreModel")).isEqualTo("logistic-v1");
        assertThat(((Number) loser.get("score")).doubleValue()).isLessThan(0.3);
        Integer trainedOn = db.sql("SELECT trained_on FROM lead_score_model WHERE org_id = :org").bind("org", org)
                .map(r -> r.get("trained_on", Integer.class)).one().block();
        assertThat(trainedOn).isEqualTo(20);

        // a lost lead reopened: back below 20 outcomes, back to the prior
        patch("/api/crm/leads/" + closing.get(19), Map.of("status", "proposal")).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get("/api/crm/leads/" + open.get("id")).expectStatus().isOk().expectBody()
                        .jsonPath("$.scoreModel").isEqualTo("prior")
                        .jsonPath("$.score").isEqualTo(0.8));
        awaitEvents(org, records -> assertThat(records).filteredOn(r -> "crm.lead.scored".equals(typeOf(r))
                && r.value().contains("\"model\":\"logistic-v1\"")).isNotEmpty());
    }
}
