package com.aiceo.events.crm;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.time.Instant;
import java.util.UUID;

/** Commands other services send crm-service, on {@code crm.commands}. */
public sealed interface CrmCommand extends Event {

    /** Log an activity on a lead (the worker's lead follow-ups arrive this way). */
    @EventName("crm.activity.log")
    record LogActivity(UUID leadId, String type, String summary, Instant occurredAt, UUID taskId)
            implements CrmCommand {}
}
