package com.aiceo.ai.generation;

import com.aiceo.ai.model.ChatModel;
import com.aiceo.ai.model.ModelMessage;
import com.aiceo.ai.model.ModelProperties;
import com.aiceo.ai.model.ModelReply;
import com.aiceo.ai.model.ModelRequest;
import com.aiceo.ai.persona.PersonaPrompt;
import com.aiceo.ai.persona.PersonaService;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.ai.AiEvent;
import com.aiceo.events.outbox.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Generates social posts, emails (subject + body) and lead follow-ups with the organization's persona and
 * the given context; records each generation with its usage in the generation log and publishes
 * {@code ai.content.generated} (or, for commands, {@code ai.content.generation-failed}) through the outbox.
 */
@Service
public class GenerationService {

    /** A generated text with the model call's usage. */
    record Generated(GenerationRequest request, GeneratedText text, ModelReply reply) {
    }

    /** A stored generation (the answer to an HTTP request or a command). */
    record Stored(UUID id, UUID requestId, UUID taskId, String kind, String status, String text, String subject,
                  String reason, String model, int tokensIn, int tokensOut, long latencyMs, boolean sandbox) {

        AiEvent.ContentGenerated generatedEvent() {
            return new AiEvent.ContentGenerated(requestId, taskId, kind, text, subject, model, tokensIn, tokensOut,
                    latencyMs, sandbox);
        }
    }

    private final PersonaService personas;
    private final ChatModel model;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final int maxOutputTokens;

    GenerationService(PersonaService personas, ChatModel model, DatabaseClient db, TransactionalOperator tx,
                      Outbox outbox, ModelProperties props) {
        this.personas = personas;
        this.model = model;
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.maxOutputTokens = props.maxOutputTokens();
    }

    /** Calls the model (no storage). */
    Mono<Generated> generate(UUID orgId, GenerationRequest request) {
        return personas.get(orgId).flatMap(persona -> {
            String system = PersonaPrompt.describe(persona) + "\n\nYour task: " + request.kind().instructions();
            Map<String, String> hints = new LinkedHashMap<>(PersonaPrompt.hints(persona));
            hints.put("task", request.kind().wire());
            if (request.brief() != null) {
                hints.put("brief", request.brief());
            }
            request.context().forEach((k, v) -> hints.put("ctx." + k, v));
            ModelRequest call = new ModelRequest("generate", persona.model(), persona.temperature(),
                    List.of(ModelMessage.system(system), ModelMessage.user(userMessage(request))), maxOutputTokens, hints);
            return model.complete(call).map(reply -> new Generated(request,
                    GeneratedText.parse(request.kind(), reply.text(), request.brief()), reply));
        });
    }

    /** POST /api/ai/generate: generates, stores and publishes in one transaction. */
    Mono<Stored> generateForHttp(UUID orgId, GenerationRequest request) {
        UUID id = UUID.randomUUID();
        return generate(orgId, request).flatMap(g -> {
            Stored stored = succeeded(id, id, null, g);
            return tx.transactional(insert(orgId, stored, "http").then(outbox.append(orgId, stored.generatedEvent())))
                    .thenReturn(stored);
        });
    }

    Mono<Optional<Stored>> findByRequest(UUID orgId, UUID requestId) {
        return db.sql("""
                        SELECT id, request_id, task_id, kind, status, text, subject, reason, model, tokens_in, tokens_out,
                               latency_ms, sandbox
                        FROM generation WHERE org_id = :org AND request_id = :request""")
                .bind("org", orgId).bind("request", requestId)
                .map(row -> new Stored(row.get("id", UUID.class), row.get("request_id", UUID.class),
                        row.get("task_id", UUID.class), row.get("kind", String.class), row.get("status", String.class),
                        row.get("text", String.class), row.get("subject", String.class), row.get("reason", String.class),
                        row.get("model", String.class), row.get("tokens_in", Integer.class),
                        row.get("tokens_out", Integer.class), row.get("latency_ms", Long.class),
                        Boolean.TRUE.equals(row.get("sandbox", Boolean.class))))
                .one().map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    /**
     * Records a command's outcome and appends its answer event, in the caller's transaction. A request
     * that already succeeded keeps its result; a failed one may be overwritten by a later attempt.
     *
     * @return whether the row was written (false: a success was already recorded for this request)
     */
    Mono<Boolean> recordCommandOutcome(EventEnvelope<?> cause, UUID orgId, Stored outcome) {
        return insert(orgId, outcome, "command").flatMap(written -> {
            if (!written) {
                return Mono.just(false);
            }
            Mono<?> event = "succeeded".equals(outcome.status())
                    ? outbox.appendCausedBy(cause, orgId, outcome.generatedEvent())
                    : outbox.appendCausedBy(cause, orgId, new AiEvent.GenerationFailed(outcome.requestId(),
                            outcome.taskId(), outcome.kind(), outcome.reason()));
            return event.thenReturn(true);
        });
    }

    /** Appends the stored success again (a repeated command with a new id gets the same answer, no model call). */
    Mono<Void> republish(EventEnvelope<?> cause, UUID orgId, Stored stored) {
        return outbox.appendCausedBy(cause, orgId, stored.generatedEvent()).then();
    }

    static Stored succeeded(UUID id, UUID requestId, UUID taskId, Generated g) {
        return new Stored(id, requestId, taskId, g.request().kind().wire(), "succeeded", g.text().text(),
                g.text().subject(), null, g.reply().model(), g.reply().tokensIn(), g.reply().tokensOut(),
                g.reply().latencyMs(), g.reply().sandbox());
    }

    static Stored failed(UUID id, UUID requestId, UUID taskId, String kind, String reason) {
        return new Stored(id, requestId, taskId, kind == null ? "" : kind, "failed", null, null, reason, null, 0, 0, 0,
                false);
    }

    private Mono<Boolean> insert(UUID orgId, Stored s, String source) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO generation (id, org_id, request_id, task_id, source, kind, status, text, subject, reason,
                                                model, tokens_in, tokens_out, latency_ms, sandbox)
                        VALUES (:id, :org, :request, :task, :source, :kind, :status, :text, :subject, :reason,
                                :model, :in, :out, :latency, :sandbox)
                        ON CONFLICT (org_id, request_id) DO UPDATE SET id = EXCLUDED.id, status = EXCLUDED.status,
                            text = EXCLUDED.text, subject = EXCLUDED.subject, reason = EXCLUDED.reason,
                            model = EXCLUDED.model, tokens_in = EXCLUDED.tokens_in, tokens_out = EXCLUDED.tokens_out,
                            latency_ms = EXCLUDED.latency_ms, sandbox = EXCLUDED.sandbox, created_at = now()
                        WHERE generation.status = 'failed'""")
                .bind("id", s.id()).bind("org", orgId).bind("request", s.requestId())
                .bind("source", source).bind("kind", s.kind()).bind("status", s.status())
                .bind("in", s.tokensIn()).bind("out", s.tokensOut()).bind("latency", s.latencyMs())
                .bind("sandbox", s.sandbox());
        spec = bindNullable(spec, "task", s.taskId(), UUID.class);
        spec = bindNullable(spec, "text", s.text(), String.class);
        spec = bindNullable(spec, "subject", s.subject(), String.class);
        spec = bindNullable(spec, "reason", s.reason(), String.class);
        spec = bindNullable(spec, "model", s.model(), String.class);
        return spec.fetch().rowsUpdated().map(n -> n > 0);
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                                      T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static String userMessage(GenerationRequest request) {
        StringBuilder s = new StringBuilder();
        s.append("Brief: ").append(request.brief() == null ? "(none: use the context)" : request.brief());
        if (!request.context().isEmpty()) {
            s.append("\n\nContext:");
            request.context().forEach((k, v) -> s.append("\n- ").append(k).append(": ").append(v));
        }
        return s.toString();
    }
}
