package com.aiceo.crm.activity;

import com.aiceo.crm.lead.LeadScoring;
import com.aiceo.crm.lead.LeadService;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.crm.CrmEvent;
import com.aiceo.events.outbox.Outbox;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A lead's activities. Logging one locks the lead, moves its {@code lastActivityAt} forward (never back),
 * re-scores it and publishes {@code ActivityLogged} (and {@code LeadScored} when the score moved) — all in one
 * transaction. Used by the HTTP API (source user) and by the {@code crm.commands} consumer (source task).
 */
@Service
public class ActivityService {

    public static final List<String> TYPES = List.of("email", "call", "meeting", "note", "followup");
    static final int MAX_SUMMARY = 2000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final LeadService leads;
    private final LeadScoring scoring;

    ActivityService(DatabaseClient db, TransactionalOperator tx, Outbox outbox, LeadService leads, LeadScoring scoring) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.leads = leads;
        this.scoring = scoring;
    }

    /** Logs an activity in a transaction of its own (the HTTP API). */
    Mono<Activity> log(UUID orgId, UUID leadId, String type, String summary, Instant occurredAt, String source,
                       UUID taskId, UUID userId, EventEnvelope<?> cause) {
        return tx.transactional(logInTransaction(orgId, leadId, type, summary, occurredAt, source, taskId, userId,
                cause));
    }

    /**
     * Logs an activity inside the caller's transaction (the consumer's: no transaction boundary of its own, so a
     * 404 can be handled by the caller without marking the surrounding transaction rollback-only). 404 problem
     * when the lead is not in the organization.
     *
     * @param cause the command that asked for it (its trace is continued), or {@code null} for a request
     */
    Mono<Activity> logInTransaction(UUID orgId, UUID leadId, String type, String summary, Instant occurredAt, String source,
                       UUID taskId, UUID userId, EventEnvelope<?> cause) {
        Instant at = (occurredAt == null ? Instant.now() : occurredAt).truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        CrmEvent.ActivityLogged logged = new CrmEvent.ActivityLogged(id, leadId, type, at, source, taskId);
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO lead_activity (id, org_id, lead_id, type, summary, occurred_at, source, task_id,
                                                   created_by)
                        VALUES (:id, :org, :lead, :type, :summary, :at, :source, :task, :user)
                        RETURNING created_at""")
                .bind("id", id).bind("org", orgId).bind("lead", leadId).bind("type", type)
                .bind("at", at).bind("source", source);
        insert = summary == null ? insert.bindNull("summary", String.class) : insert.bind("summary", summary);
        insert = taskId == null ? insert.bindNull("task", UUID.class) : insert.bind("task", taskId);
        insert = userId == null ? insert.bindNull("user", UUID.class) : insert.bind("user", userId);
        Mono<Instant> inserted = insert.map(r -> r.get("created_at", Instant.class)).one();
        Mono<Activity> work = leads.lock(orgId, leadId)
                .then(inserted)
                .flatMap(created -> leads.activityAt(orgId, leadId, at)
                        .then(cause == null ? outbox.append(orgId, logged) : outbox.appendCausedBy(cause, orgId, logged))
                        .then(scoring.rescore(orgId, leadId))
                        .flatMap(rescored -> scoring.announce(orgId, rescored, cause))
                        .thenReturn(new Activity(id, leadId, type, summary, at, source, taskId, created)));
        return work;
    }

    Mono<PageOf<Activity>> list(UUID orgId, UUID leadId, Paging paging) {
        return leads.find(orgId, leadId)
                .then(db.sql("""
                                SELECT id, lead_id, type, summary, occurred_at, source, task_id, created_at FROM lead_activity
                                WHERE org_id = :org AND lead_id = :lead ORDER BY occurred_at DESC, id
                                LIMIT :limit OFFSET :offset""")
                        .bind("org", orgId).bind("lead", leadId)
                        .bind("limit", paging.size()).bind("offset", paging.offset())
                        .map(ActivityService::activity).all().collectList())
                .zipWith(db.sql("SELECT count(*) AS n FROM lead_activity WHERE org_id = :org AND lead_id = :lead")
                        .bind("org", orgId).bind("lead", leadId).map(r -> r.get("n", Long.class)).one())
                .map(t -> PageOf.of(t.getT1(), paging, t.getT2()));
    }

    static Activity activity(Readable r) {
        return new Activity(r.get("id", UUID.class), r.get("lead_id", UUID.class), r.get("type", String.class),
                r.get("summary", String.class), r.get("occurred_at", Instant.class), r.get("source", String.class),
                r.get("task_id", UUID.class), r.get("created_at", Instant.class));
    }
}
