package com.aiceo.events.agentic;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.util.UUID;

/** Domain events of agentic-service, on {@code agentic.events}: what the AI noticed and what it did. */
public sealed interface AgenticEvent extends Event {

    /** type: stale_leads | low_content | task_backlog. */
    @EventName("agentic.insight.raised")
    record InsightRaised(UUID insightId, String type, double confidence, String reason) implements AgenticEvent {}

    /** type: followup_task | post_task | warning. */
    @EventName("agentic.action.taken")
    record ActionTaken(UUID actionId, UUID insightId, String type, UUID taskId, String reason)
            implements AgenticEvent {}
}
