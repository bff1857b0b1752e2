package com.aiceo.events.tasks;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Commands to task-worker-service, on {@code tasks.commands} (the agentic engine creates tasks this way). */
public sealed interface TaskCommand extends Event {

    @EventName("tasks.task.create")
    record CreateTask(UUID taskId, String type, String title, Map<String, Object> input, Instant scheduledFor,
                      String createdBy, String reason) implements TaskCommand {}
}
