package com.aiceo.crm.activity;

import java.time.Instant;
import java.util.UUID;

/** Something that happened with a lead: an email, call, meeting, note or follow-up. source: user | task. */
public record Activity(UUID id, UUID leadId, String type, String summary, Instant occurredAt, String source,
                       UUID taskId, Instant createdAt) {
}
