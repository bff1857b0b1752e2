package com.aiceo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiceo.events.crm.CrmEvent;
import com.aiceo.events.platform.PlatformTick;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventJsonTest {

    @Test
    void roundTripsATypedPayloadAndDerivesTypeTopicAndKey() {
        UUID org = UUID.randomUUID();
        var event = EventEnvelope.of(org, new CrmEvent.LeadDeleted(UUID.randomUUID()));
        assertThat(event.type()).isEqualTo("crm.lead.deleted");
        assertThat(event.topic()).isEqualTo(Topics.CRM_EVENTS);
        assertThat(event.key()).isEqualTo(org.toString());
        assertThat(EventJson.read(EventJson.write(event))).isEqualTo(event);
    }

    @Test
    void ignoresUnknownFieldsSoEventsCanGrowAdditively() {
        String json = """
                {"id":"%s","type":"crm.lead.deleted","version":2,"orgId":"%s","occurredAt":"2026-11-26T10:00:00Z",
                 "newEnvelopeField":1,"payload":{"leadId":"%s","newPayloadField":"x"}}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        EventEnvelope<?> event = EventJson.read(json);
        assertThat(event.payload()).isInstanceOf(CrmEvent.LeadDeleted.class);
        assertThat(event.version()).isEqualTo(2);
    }

    @Test
    void keepsAnUnknownTypeAsRawJsonForTheConsumerToSkip() {
        String json = """
                {"id":"%s","type":"crm.something.new","version":1,"orgId":null,"occurredAt":"2026-11-26T10:00:00Z",
                 "payload":{"a":1}}""".formatted(UUID.randomUUID());
        assertThat(EventJson.read(json).payload()).isInstanceOf(JsonNode.class);
    }

    @Test
    void refusesMalformedEnvelopes() {
        assertThatThrownBy(() -> EventJson.read("[1,2]")).isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"crm.lead.deleted\",\"payload\":{}}"))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.read("""
                {"id":"not-a-uuid","type":"crm.lead.deleted","occurredAt":"2026-11-26T10:00:00Z","payload":{}}"""))
                .isInstanceOf(EventJson.MalformedEventException.class);
    }

    @Test
    void ticksAreKeyedByTheMinuteAndShareAnIdAcrossProducers() {
        Instant at = Instant.parse("2026-11-26T10:00:42.5Z");
        var tick = new PlatformTick.MinuteTick(at);
        assertThat(tick.key()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(tick.isTopOfHour()).isTrue();
        assertThat(PlatformTick.MinuteTick.idFor(at)).isEqualTo(PlatformTick.MinuteTick.idFor(at.plusSeconds(10)));
        assertThat(EventEnvelope.of(null, tick).key()).isEqualTo("2026-11-26T10:00:00Z");
    }
}
