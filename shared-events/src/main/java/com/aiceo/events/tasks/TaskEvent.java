package com.aiceo.events.tasks;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Domain events of task-worker-service, on {@code tasks.events}: every transition of a task.
 * type: social_media_post | email_campaign | lead_followup; createdBy: user | agent.
 */
public sealed interface TaskEvent extends Event {

    @EventName("tasks.task.created")
    record TaskCreated(UUID taskId, String type, String createdBy, Instant scheduledFor) implements TaskEvent {}

    @EventName("tasks.task.started")
    record TaskStarted(UUID taskId, String type, int attempt) implements TaskEvent {}

    @EventName("tasks.task.completed")
    record TaskCompleted(UUID taskId, String type, Map<String, String> output) implements TaskEvent {}

    @EventName("tasks.task.failed")
    record TaskFailed(UUID taskId, String type, String error, int attempts, boolean willRetry)
            implements TaskEvent {}

    @EventName("tasks.task.cancelled")
    record TaskCancelled(UUID taskId, String type) implements TaskEvent {}

    @EventName("tasks.email.sent")
    record EmailSent(UUID taskId, int recipients) implements TaskEvent {}
}
