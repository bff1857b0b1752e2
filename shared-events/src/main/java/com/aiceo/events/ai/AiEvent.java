package com.aiceo.events.ai;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.util.UUID;

/** Domain events of ai-service, on {@code ai.events}. Token counts feed billing and analytics. */
public sealed interface AiEvent extends Event {

    /** sentiment: positive | neutral | negative. */
    @EventName("ai.chat.message-sent")
    record ChatMessageSent(UUID userMessageId, UUID replyMessageId, String sentiment, String emotion,
                           String model, int tokensIn, int tokensOut, long latencyMs, boolean sandbox)
            implements AiEvent {}

    /** The answer to {@link AiCommand.GenerateContent} (requestId echoes it) or to an HTTP generation. */
    @EventName("ai.content.generated")
    record ContentGenerated(UUID requestId, UUID taskId, String kind, String text, String subject,
                            String model, int tokensIn, int tokensOut, long latencyMs, boolean sandbox)
            implements AiEvent {}

    @EventName("ai.content.generation-failed")
    record GenerationFailed(UUID requestId, UUID taskId, String kind, String reason) implements AiEvent {}
}
