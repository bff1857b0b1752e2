package com.aiceo.crm.activity;

import com.aiceo.events.EventEnvelope;
import com.aiceo.events.consumer.EventListeners;
import com.aiceo.events.consumer.IdempotentConsumer;
import com.aiceo.events.consumer.NonRetryableEventException;
import com.aiceo.events.crm.CrmCommand;
import com.aiceo.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes {@code crm.commands}: {@code crm.activity.log} (the worker's lead follow-ups) logs an activity with
 * source {@code task} and the task's id, once per command (idempotent consumer: the envelope id is recorded in
 * the same transaction as the activity).
 *
 * <ul>
 *   <li>A command for a lead that is not (or no longer) in the command's organization — deleted meanwhile, or
 *       another organization's — is <b>ignored</b>: logged with ids only and counted
 *       ({@code crm.commands.ignored{reason=unknown_lead}}). Deleting a lead while its follow-up runs is a
 *       normal race, not a poison message, and retrying cannot make the lead reappear.</li>
 *   <li>A command that can never be applied (no organization or lead id, an unknown type, a summary over the
 *       limit, a time in the future) goes to the dead-letter topic {@code crm-activity-commands.dlt} at once.</li>
 *   <li>Database trouble is retried by the platform's error handler until it passes.</li>
 * </ul>
 */
@Component
class ActivityCommandListener {

    static final String CONSUMER = "crm-activity-commands";
    private static final Logger log = LoggerFactory.getLogger(ActivityCommandListener.class);

    private final IdempotentConsumer consumer;
    private final ActivityService activities;
    private final MeterRegistry meters;

    ActivityCommandListener(IdempotentConsumer consumer, ActivityService activities, MeterRegistry meters) {
        this.consumer = consumer;
        this.activities = activities;
        this.meters = meters;
    }

    @KafkaListener(id = CONSUMER, topics = "crm.commands", batch = "true")
    void on(List<ConsumerRecord<String, EventEnvelope<?>>> records) {
        EventListeners.process(consumer, CONSUMER, records, this::apply);
    }

    Mono<Void> apply(EventEnvelope<?> event) {
        if (!(event.payload() instanceof CrmCommand.LogActivity command)) {
            return Mono.empty(); // a command type this version does not know: skipped (additive evolution)
        }
        if (event.orgId() == null || command.leadId() == null) {
            return Mono.error(new NonRetryableEventException("crm.activity.log without organization or lead id"));
        }
        String type = command.type() == null ? "followup" : command.type();
        if (!ActivityService.TYPES.contains(type)) {
            return Mono.error(new NonRetryableEventException("crm.activity.log with unknown activity type"));
        }
        String summary = command.summary() == null || command.summary().isBlank() ? null : command.summary().trim();
        if (summary != null && summary.length() > ActivityService.MAX_SUMMARY) {
            return Mono.error(new NonRetryableEventException("crm.activity.log summary over "
                    + ActivityService.MAX_SUMMARY + " characters"));
        }
        Instant occurredAt = command.occurredAt();
        if (occurredAt != null && occurredAt.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
            return Mono.error(new NonRetryableEventException("crm.activity.log occurredAt in the future"));
        }
        return activities.logInTransaction(event.orgId(), command.leadId(), type, summary, occurredAt, "task", command.taskId(),
                        null, event)
                .then()
                .onErrorResume(e -> e instanceof ApiException api && api.status() == HttpStatus.NOT_FOUND, e -> {
                    log.info("Ignored crm.activity.log {} for lead {} of organization {}: no such lead there",
                            event.id(), command.leadId(), event.orgId());
                    meters.counter("crm.commands.ignored", "reason", "unknown_lead").increment();
                    return Mono.empty();
                });
    }
}
