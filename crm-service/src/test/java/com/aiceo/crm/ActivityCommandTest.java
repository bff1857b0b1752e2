package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.events.crm.CrmCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** crm.commands: crm.activity.log from the worker, applied once; bad commands never stop the consumer. */
class ActivityCommandTest extends CrmApiTest {

    private void send(EventEnvelope<?> envelope) {
        send(envelope.orgId().toString(), EventJson.write(envelope));
    }

    private void send(String key, String value) {
        com.aiceo.testsupport.TopicRecords.send(bootstrap, "crm.commands", key, value);
    }

    private long activities(String leadId) {
        return db.sql("SELECT count(*) AS n FROM lead_activity WHERE lead_id = :id")
                .bind("id", UUID.fromString(leadId)).map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void aLogActivityCommandIsAppliedOnceEvenWhenDeliveredTwice() {
        Map<String, Object> lead = createLead();
        String leadId = (String) lead.get("id");
        UUID taskId = UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        EventEnvelope<CrmCommand.LogActivity> command = EventEnvelope.of(org,
                new CrmCommand.LogActivity(UUID.fromString(leadId), "followup", "AI follow-up sent", at, taskId));
        send(command);
        send(command);
        // a later command on the same partition proves the duplicate was consumed (and skipped) before it
        EventEnvelope<CrmCommand.LogActivity> second = EventEnvelope.of(org,
                new CrmCommand.LogActivity(UUID.fromString(leadId), "email", null, null, taskId));
        send(second);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(activities(leadId)).isEqualTo(2));
        get("/api/crm/leads/" + leadId + "/activities").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[1].type").isEqualTo("followup")
                .jsonPath("$.items[1].source").isEqualTo("task")
                .jsonPath("$.items[1].taskId").isEqualTo(taskId.toString())
                .jsonPath("$.items[1].occurredAt").isEqualTo(at.toString())
                .jsonPath("$.items[1].summary").isEqualTo("AI follow-up sent");
        get("/api/crm/leads/" + leadId).expectStatus().isOk().expectBody().jsonPath("$.lastActivityAt").exists();

        awaitEvents(org, records -> {
            assertThat(records).filteredOn(r -> "crm.activity.logged".equals(typeOf(r))).hasSize(2)
                    .allSatisfy(r -> assertThat(r.value()).contains("\"source\":\"task\"")
                            .contains("\"taskId\":\"" + taskId + "\""));
            // the event continues the command's trace context (none here) and carries no summary text
            assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain("AI follow-up sent"));
        });
    }

    @Test
    void aCommandForAnUnknownOrForeignLeadIsIgnoredAndTheConsumerGoesOn() {
        Map<String, Object> foreign = createLead(tokenFor(UUID.randomUUID()), lead());
        Map<String, Object> ours = createLead();
        send(EventEnvelope.of(org, new CrmCommand.LogActivity(UUID.randomUUID(), "followup", "x", null, null)));
        send(EventEnvelope.of(org, new CrmCommand.LogActivity(UUID.fromString((String) foreign.get("id")), "followup",
                "x", null, null)));
        send(EventEnvelope.of(org, new CrmCommand.LogActivity(UUID.fromString((String) ours.get("id")), "call",
                "after the ignored ones", null, null)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(activities((String) ours.get("id"))).isEqualTo(1));
        assertThat(activities((String) foreign.get("id"))).isZero();
    }

    @Test
    void anInvalidCommandGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        Map<String, Object> ours = createLead();
        UUID leadId = UUID.fromString((String) ours.get("id"));
        EventEnvelope<CrmCommand.LogActivity> bad = EventEnvelope.of(org,
                new CrmCommand.LogActivity(leadId, "carrier-pigeon", "x", null, null));
        send(bad);
        send(org.toString(), "{not json");
        send(EventEnvelope.of(org, new CrmCommand.LogActivity(leadId, "note", "fine", null, null)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(activities(leadId.toString())).isEqualTo(1));
        awaitRecords("crm-activity-commands.dlt", org.toString(), records -> {
            assertThat(records).hasSize(2);
            assertThat(records.get(0).value()).contains(bad.id().toString());
            assertThat(new String(records.get(0).headers().lastHeader("dlt_reason").value()))
                    .contains("unknown activity type");
        });
    }
}
