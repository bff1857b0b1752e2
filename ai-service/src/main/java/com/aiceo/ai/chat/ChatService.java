package com.aiceo.ai.chat;

import com.aiceo.ai.model.ChatModel;
import com.aiceo.ai.model.ModelChunk;
import com.aiceo.ai.model.ModelProperties;
import com.aiceo.ai.model.ModelReply;
import com.aiceo.ai.model.ModelRequest;
import com.aiceo.ai.persona.Persona;
import com.aiceo.ai.persona.PersonaPrompt;
import com.aiceo.ai.persona.PersonaService;
import com.aiceo.ai.sentiment.LexiconClassifier;
import com.aiceo.ai.sentiment.Sentiment;
import com.aiceo.ai.sentiment.SentimentAnalyzer;
import com.aiceo.events.ai.AiEvent;
import com.aiceo.events.outbox.Outbox;
import com.aiceo.security.Caller;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chat with the AI CEO, per organization. The user's message and the reply are stored together, in one
 * transaction with the {@code ai.chat.message-sent} outbox row, once the reply is complete: a failed model
 * call stores nothing (the client gets a 503/502 and may send again), and history never holds a question
 * without its answer or half an answer.
 *
 * <p>Streaming: the model's stream is shared between the HTTP response and a storing subscriber that is not
 * tied to the client. If the client goes away mid-stream, the model's answer still runs to its end and is
 * stored whole (nothing lost, nothing half-stored); the user finds it in the history.
 */
@Service
public class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);

    /** What POST /api/chat/message answers (and the final event of a stream). */
    public record ChatAnswer(String reply, UUID userMessageId, UUID replyMessageId, String sentiment, String emotion,
                             String model, boolean sandbox, int tokensIn, int tokensOut, long latencyMs) {
    }

    /** A stored message as GET /api/chat/messages lists it. */
    public record ChatMessageView(UUID id, String role, String content, String sentiment, String emotion, String model,
                                  boolean sandbox, int tokensIn, int tokensOut, Instant createdAt) {
    }

    /** A started stream: the model's chunks (replayed to every subscriber) and the stored result. */
    public record ChatStream(Flux<ModelChunk> chunks, Mono<ChatAnswer> saved) {
    }

    private final PersonaService personas;
    private final ChatModel model;
    private final SentimentAnalyzer sentiments;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final int promptBudget;
    private final int historyLimit;
    private final int maxOutputTokens;

    ChatService(PersonaService personas, ChatModel model, SentimentAnalyzer sentiments, DatabaseClient db,
                TransactionalOperator tx, Outbox outbox, ModelProperties modelProperties,
                @Value("${ai.chat.prompt-token-budget:6000}") int promptBudget,
                @Value("${ai.chat.history-limit:100}") int historyLimit) {
        this.personas = personas;
        this.model = model;
        this.sentiments = sentiments;
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.promptBudget = promptBudget;
        this.historyLimit = historyLimit;
        this.maxOutputTokens = modelProperties.maxOutputTokens();
    }

    public Mono<ChatAnswer> send(Caller caller, String message) {
        return prepare(caller.orgId(), message)
                .flatMap(request -> Mono.zip(model.complete(request), sentiments.analyze(message)))
                .flatMap(t -> store(caller, message, t.getT2(), t.getT1()));
    }

    /**
     * Starts a streamed answer. The Mono answers once the first token is there (so a model that fails
     * before answering at all becomes a 503/502 problem, not a broken stream).
     */
    public Mono<ChatStream> stream(Caller caller, String message) {
        return prepare(caller.orgId(), message).flatMap(request -> Mono.deferContextual(context -> {
            Flux<ModelChunk> chunks = model.stream(request).cache();
            Mono<ChatAnswer> saved = Mono.zip(chunks.ofType(ModelChunk.Done.class).last(), sentiments.analyze(message))
                    .flatMap(t -> store(caller, message, t.getT2(), t.getT1().reply()))
                    .contextWrite(context)
                    .cache();
            // Not tied to the HTTP response: runs to the end even if the client disconnects.
            saved.subscribe(answer -> { }, e -> log.warn("Streamed chat reply not stored: {}", e.getClass().getSimpleName()));
            return chunks.next().thenReturn(new ChatStream(chunks, saved));
        }));
    }

    public Mono<PageOf<ChatMessageView>> list(UUID orgId, Paging paging) {
        Mono<Long> total = db.sql("SELECT count(*) AS n FROM chat_message WHERE org_id = :org")
                .bind("org", orgId).map(row -> row.get("n", Long.class)).one();
        Mono<java.util.List<ChatMessageView>> items = db.sql("""
                        SELECT * FROM (
                            SELECT id, seq, role, content, sentiment, emotion, model, sandbox, tokens_in, tokens_out, created_at
                            FROM chat_message WHERE org_id = :org ORDER BY seq DESC LIMIT :size OFFSET :offset
                        ) page ORDER BY seq ASC""")
                .bind("org", orgId).bind("size", paging.size()).bind("offset", paging.offset())
                .map(row -> new ChatMessageView(row.get("id", UUID.class), row.get("role", String.class),
                        row.get("content", String.class), row.get("sentiment", String.class),
                        row.get("emotion", String.class), row.get("model", String.class),
                        Boolean.TRUE.equals(row.get("sandbox", Boolean.class)), row.get("tokens_in", Integer.class),
                        row.get("tokens_out", Integer.class), row.get("created_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        return Mono.zip(items, total).map(t -> PageOf.of(t.getT1(), paging, t.getT2()));
    }

    private Mono<ModelRequest> prepare(UUID orgId, String message) {
        Mono<java.util.List<ChatPrompt.Turn>> recent = db.sql("""
                        SELECT role, content FROM chat_message WHERE org_id = :org ORDER BY seq DESC LIMIT :limit""")
                .bind("org", orgId).bind("limit", historyLimit)
                .map(row -> new ChatPrompt.Turn(row.get("role", String.class), row.get("content", String.class)))
                .all().collectList();
        return Mono.zip(personas.get(orgId), recent).map(t -> {
            Persona persona = t.getT1();
            Map<String, String> hints = new java.util.LinkedHashMap<>(PersonaPrompt.hints(persona));
            hints.put("task", "chat");
            return new ModelRequest("chat", persona.model(), persona.temperature(),
                    ChatPrompt.build(ChatPrompt.systemPrompt(persona), t.getT2(), message, promptBudget),
                    maxOutputTokens, hints);
        });
    }

    private Mono<ChatAnswer> store(Caller caller, String message, Sentiment sentiment, ModelReply reply) {
        UUID userMessageId = UUID.randomUUID();
        UUID replyMessageId = UUID.randomUUID();
        Sentiment replySentiment = LexiconClassifier.classify(reply.text());
        Mono<Long> userRow = db.sql("""
                        INSERT INTO chat_message (id, org_id, user_id, role, content, sentiment, emotion)
                        VALUES (:id, :org, :user, 'user', :content, :sentiment, :emotion)""")
                .bind("id", userMessageId).bind("org", caller.orgId()).bind("user", caller.userId())
                .bind("content", message).bind("sentiment", sentiment.sentiment()).bind("emotion", sentiment.emotion())
                .fetch().rowsUpdated();
        Mono<Long> replyRow = db.sql("""
                        INSERT INTO chat_message (id, org_id, role, content, sentiment, emotion, model, tokens_in,
                                                  tokens_out, latency_ms, sandbox)
                        VALUES (:id, :org, 'assistant', :content, :sentiment, :emotion, :model, :in, :out, :latency, :sandbox)""")
                .bind("id", replyMessageId).bind("org", caller.orgId()).bind("content", reply.text())
                .bind("sentiment", replySentiment.sentiment()).bind("emotion", replySentiment.emotion())
                .bind("model", reply.model()).bind("in", reply.tokensIn()).bind("out", reply.tokensOut())
                .bind("latency", reply.latencyMs()).bind("sandbox", reply.sandbox())
                .fetch().rowsUpdated();
        AiEvent.ChatMessageSent event = new AiEvent.ChatMessageSent(userMessageId, replyMessageId, sentiment.sentiment(),
                sentiment.emotion(), reply.model(), reply.tokensIn(), reply.tokensOut(), reply.latencyMs(), reply.sandbox());
        return tx.transactional(userRow.then(replyRow).then(outbox.append(caller.orgId(), event)))
                .thenReturn(new ChatAnswer(reply.text(), userMessageId, replyMessageId, sentiment.sentiment(),
                        sentiment.emotion(), reply.model(), reply.sandbox(), reply.tokensIn(), reply.tokensOut(),
                        reply.latencyMs()));
    }
}
