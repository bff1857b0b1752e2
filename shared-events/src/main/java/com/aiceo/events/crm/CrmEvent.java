package com.aiceo.events.crm;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Domain events of crm-service, on {@code crm.events}. They carry what read models need (status,
 * score, last activity) and no names, emails or phone numbers.
 */
public sealed interface CrmEvent extends Event {

    @EventName("crm.lead.created")
    record LeadCreated(UUID leadId, String status, String priority, String source, BigDecimal value,
                       double score, Instant lastActivityAt, Instant createdAt) implements CrmEvent {}

    @EventName("crm.lead.updated")
    record LeadUpdated(UUID leadId, String status, String priority, BigDecimal value, double score,
                       Instant lastActivityAt) implements CrmEvent {}

    @EventName("crm.lead.status-changed")
    record LeadStatusChanged(UUID leadId, String previousStatus, String status) implements CrmEvent {}

    @EventName("crm.lead.deleted")
    record LeadDeleted(UUID leadId) implements CrmEvent {}

    /** source: user | task; taskId set when a task logged it. */
    @EventName("crm.activity.logged")
    record ActivityLogged(UUID activityId, UUID leadId, String type, Instant occurredAt, String source,
                          UUID taskId) implements CrmEvent {}

    @EventName("crm.meeting.scheduled")
    record MeetingScheduled(UUID meetingId, UUID leadId, Instant startsAt, Instant endsAt) implements CrmEvent {}

    @EventName("crm.lead.scored")
    record LeadScored(UUID leadId, double score, String model) implements CrmEvent {}
}
