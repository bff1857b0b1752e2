package com.aiceo.events;

import com.aiceo.events.agentic.AgenticEvent;
import com.aiceo.events.ai.AiCommand;
import com.aiceo.events.ai.AiEvent;
import com.aiceo.events.auth.AuthEvent;
import com.aiceo.events.billing.BillingEvent;
import com.aiceo.events.content.ContentCommand;
import com.aiceo.events.content.ContentEvent;
import com.aiceo.events.crm.CrmCommand;
import com.aiceo.events.crm.CrmEvent;
import com.aiceo.events.platform.PlatformTick;
import com.aiceo.events.tasks.TaskCommand;
import com.aiceo.events.tasks.TaskEvent;
import com.aiceo.events.Topic.Key;
import com.aiceo.events.Topic.Kind;
import java.util.List;
import java.util.Optional;

/** The registry of topics: each with its key, its payload types and its single owner. */
public final class Topics {

    public static final Topic<AuthEvent> AUTH_EVENTS =
            new Topic<>("auth.events", Key.ORG_ID, AuthEvent.class, Kind.EVENTS, "auth-service");
    public static final Topic<CrmEvent> CRM_EVENTS =
            new Topic<>("crm.events", Key.ORG_ID, CrmEvent.class, Kind.EVENTS, "crm-service");
    public static final Topic<ContentEvent> CONTENT_EVENTS =
            new Topic<>("content.events", Key.ORG_ID, ContentEvent.class, Kind.EVENTS, "content-service");
    public static final Topic<AiEvent> AI_EVENTS =
            new Topic<>("ai.events", Key.ORG_ID, AiEvent.class, Kind.EVENTS, "ai-service");
    public static final Topic<BillingEvent> BILLING_EVENTS =
            new Topic<>("billing.events", Key.ORG_ID, BillingEvent.class, Kind.EVENTS, "billing-service");
    public static final Topic<TaskEvent> TASKS_EVENTS =
            new Topic<>("tasks.events", Key.ORG_ID, TaskEvent.class, Kind.EVENTS, "task-worker-service");
    public static final Topic<AgenticEvent> AGENTIC_EVENTS =
            new Topic<>("agentic.events", Key.ORG_ID, AgenticEvent.class, Kind.EVENTS, "agentic-service");

    public static final Topic<TaskCommand> TASKS_COMMANDS =
            new Topic<>("tasks.commands", Key.ORG_ID, TaskCommand.class, Kind.COMMANDS, "task-worker-service");
    public static final Topic<AiCommand> AI_COMMANDS =
            new Topic<>("ai.commands", Key.ORG_ID, AiCommand.class, Kind.COMMANDS, "ai-service");
    public static final Topic<ContentCommand> CONTENT_COMMANDS =
            new Topic<>("content.commands", Key.ORG_ID, ContentCommand.class, Kind.COMMANDS, "content-service");
    public static final Topic<CrmCommand> CRM_COMMANDS =
            new Topic<>("crm.commands", Key.ORG_ID, CrmCommand.class, Kind.COMMANDS, "crm-service");

    public static final Topic<PlatformTick> PLATFORM_TICKS =
            new Topic<>("platform.ticks", Key.PAYLOAD, PlatformTick.class, Kind.TICKS, "agentic-service");

    public static final List<Topic<?>> ALL = List.of(AUTH_EVENTS, CRM_EVENTS, CONTENT_EVENTS, AI_EVENTS,
            BILLING_EVENTS, TASKS_EVENTS, AGENTIC_EVENTS, TASKS_COMMANDS, AI_COMMANDS, CONTENT_COMMANDS,
            CRM_COMMANDS, PLATFORM_TICKS);

    private Topics() {
    }

    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
