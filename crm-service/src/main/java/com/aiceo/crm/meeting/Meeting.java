package com.aiceo.crm.meeting;

import java.time.Instant;
import java.util.UUID;

/** A meeting, optionally with a lead of the same organization; endsAt is after startsAt. */
public record Meeting(UUID id, UUID leadId, String title, Instant startsAt, Instant endsAt, String location,
                      String notes, Instant createdAt, Instant updatedAt) {
}
