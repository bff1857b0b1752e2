package com.aiceo.ai.generation;

import com.aiceo.ai.model.ModelException;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.ai.AiCommand;
import com.aiceo.events.consumer.EventListeners;
import com.aiceo.events.consumer.IdempotentConsumer;
import com.aiceo.events.consumer.NonRetryableEventException;
import com.aiceo.web.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers {@code ai.content.generate} commands (from the task worker) on {@code ai.commands} with
 * {@code ai.content.generated} or {@code ai.content.generation-failed}, through the outbox, idempotently:
 *
 * <ul>
 *   <li>a redelivered command (same event id) is recognised in {@code processed_event} before anything
 *       else: no model call, no event;</li>
 *   <li>a repeated request (new event, same {@code requestId}) that already succeeded gets the stored result
 *       again, without a model call;</li>
 *   <li>the model is called outside any database transaction (no connection held while it thinks); the
 *       result, the processed-event marker and the answer event are then written in one transaction.</li>
 * </ul>
 *
 * Model failures (after the model client's own retries) and invalid commands are answered with
 * {@code generation-failed} (the worker owns the task's retry policy); database failures are thrown, so the
 * container retries the record.
 *
 * <p>One record at a time on the container's consumer thread (not a batch: a batch would run its model
 * calls inside one transaction and one effect timeout).
 */
@Component
class GenerationCommands {

    private static final Logger log = LoggerFactory.getLogger(GenerationCommands.class);

    private final GenerationService generations;
    private final IdempotentConsumer idempotent;
    private final DatabaseClient db;
    private final String consumerId;

    GenerationCommands(GenerationService generations, IdempotentConsumer idempotent, DatabaseClient db,
                       @Value("${ai.commands.consumer-id:ai-content-generator}") String consumerId) {
        this.generations = generations;
        this.idempotent = idempotent;
        this.db = db;
        this.consumerId = consumerId;
    }

    @KafkaListener(id = "${ai.commands.consumer-id:ai-content-generator}", topics = "ai.commands",
            autoStartup = "${ai.commands.enabled:true}")
    void on(ConsumerRecord<String, EventEnvelope<?>> record) {
        EventListeners.await(handle(record.value()));
    }

    Mono<Void> handle(EventEnvelope<?> event) {
        if (!(event.payload() instanceof AiCommand.GenerateContent command)) {
            return Mono.empty();
        }
        if (event.orgId() == null) {
            return Mono.error(new NonRetryableEventException("ai.content.generate without an organization"));
        }
        UUID orgId = event.orgId();
        UUID requestId = command.requestId() != null ? command.requestId() : event.id();
        return processedBefore(event.id()).flatMap(seen -> {
            if (seen) {
                log.debug("Command {} already processed", event.id());
                return Mono.empty();
            }
            return generations.findByRequest(orgId, requestId).flatMap(prior -> answer(event, orgId, requestId, command, prior));
        });
    }

    private Mono<Void> answer(EventEnvelope<?> event, UUID orgId, UUID requestId, AiCommand.GenerateContent command,
                              Optional<GenerationService.Stored> prior) {
        if (prior.isPresent() && "succeeded".equals(prior.get().status())) {
            return idempotent.apply(consumerId, event, () -> generations.republish(event, orgId, prior.get())).then();
        }
        UUID id = UUID.randomUUID();
        Mono<GenerationService.Stored> outcome;
        try {
            Map<String, String> context = command.context() == null ? Map.of() : command.context();
            GenerationRequest request = GenerationRequest.validate(command.kind(), command.brief(), context);
            outcome = generations.generate(orgId, request)
                    .map(g -> GenerationService.succeeded(id, requestId, command.taskId(), g))
                    .onErrorResume(ModelException.class, e -> Mono.just(
                            GenerationService.failed(id, requestId, command.taskId(), command.kind(), e.getMessage())));
        } catch (ApiException invalid) {
            String reason = invalid.errors().isEmpty() ? invalid.getMessage()
                    : "invalid request: " + invalid.errors();
            outcome = Mono.just(GenerationService.failed(id, requestId, command.taskId(), command.kind(), reason));
        }
        return outcome.flatMap(o -> idempotent.apply(consumerId, event,
                () -> generations.recordCommandOutcome(event, orgId, o))).then();
    }

    private Mono<Boolean> processedBefore(UUID eventId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM processed_event WHERE consumer_id = :c AND event_id = :e) AS seen")
                .bind("c", consumerId).bind("e", eventId)
                .map(row -> Boolean.TRUE.equals(row.get("seen", Boolean.class))).one();
    }
}
