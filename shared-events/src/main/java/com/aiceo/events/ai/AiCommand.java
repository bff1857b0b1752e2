package com.aiceo.events.ai;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.util.Map;
import java.util.UUID;

/** Commands to ai-service, on {@code ai.commands}. */
public sealed interface AiCommand extends Event {

    /** kind: social_post | email | lead_followup. Answered by ContentGenerated / GenerationFailed. */
    @EventName("ai.content.generate")
    record GenerateContent(UUID requestId, UUID taskId, String kind, String brief, Map<String, String> context)
            implements AiCommand {}
}
