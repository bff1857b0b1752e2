package com.aiceo.crm.meeting;

import com.aiceo.crm.lead.LeadScoring;
import com.aiceo.crm.lead.LeadService;
import com.aiceo.events.crm.CrmEvent;
import com.aiceo.events.outbox.Outbox;
import com.aiceo.web.ApiException;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Meetings of an organization. A meeting's lead must be a lead of the same organization, else 404 "No such
 * lead" (the same answer for "unknown" and "another organization's", as on every lead path). Creating one, or moving its
 * time or lead, publishes {@code MeetingScheduled}; the leads it concerns are re-scored (meetings are a
 * feature of the score). Deleting publishes nothing (no event type for it yet).
 */
@Service
class MeetingService {

    static final String COLUMNS = "id, lead_id, title, starts_at, ends_at, location, notes, created_at, updated_at";

    /** What a meeting holds (validated). */
    record Fields(UUID leadId, String title, Instant startsAt, Instant endsAt, String location, String notes) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final LeadService leads;
    private final LeadScoring scoring;

    MeetingService(DatabaseClient db, TransactionalOperator tx, Outbox outbox, LeadService leads, LeadScoring scoring) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.leads = leads;
        this.scoring = scoring;
    }

    Mono<Meeting> create(UUID orgId, Fields f) {
        UUID id = UUID.randomUUID();
        Mono<Meeting> work = requireLead(orgId, f.leadId())
                .then(bindFields(db.sql("""
                                INSERT INTO meeting (id, org_id, lead_id, title, starts_at, ends_at, location, notes)
                                VALUES (:id, :org, :lead, :title, :startsAt, :endsAt, :location, :notes)"""), f)
                        .bind("id", id).bind("org", orgId).fetch().rowsUpdated())
                .then(outbox.append(orgId, new CrmEvent.MeetingScheduled(id, f.leadId(), f.startsAt(), f.endsAt())))
                .then(rescore(orgId, f.leadId(), null))
                .then(find(orgId, id));
        return tx.transactional(work);
    }

    Mono<Meeting> find(UUID orgId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM meeting WHERE org_id = :org AND id = :id")
                .bind("org", orgId).bind("id", id).map(MeetingService::meeting).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such meeting.")));
    }

    /**
     * upcoming (default): meetings that start now or later, soonest first; otherwise all meetings, latest start
     * first. Optionally only those of one lead.
     */
    Mono<PageOf<Meeting>> list(UUID orgId, boolean upcoming, UUID leadId, Paging paging) {
        String where = " WHERE org_id = :org" + (upcoming ? " AND starts_at >= now()" : "")
                + (leadId != null ? " AND lead_id = :lead" : "");
        String order = upcoming ? " ORDER BY starts_at, id" : " ORDER BY starts_at DESC, id";
        DatabaseClient.GenericExecuteSpec items = db.sql("SELECT " + COLUMNS + " FROM meeting" + where + order
                + " LIMIT :limit OFFSET :offset").bind("org", orgId)
                .bind("limit", paging.size()).bind("offset", paging.offset());
        DatabaseClient.GenericExecuteSpec count = db.sql("SELECT count(*) AS n FROM meeting" + where).bind("org", orgId);
        if (leadId != null) {
            items = items.bind("lead", leadId);
            count = count.bind("lead", leadId);
        }
        return items.map(MeetingService::meeting).all().collectList()
                .zipWith(count.map(r -> r.get("n", Long.class)).one())
                .map(t -> PageOf.of(t.getT1(), paging, t.getT2()));
    }

    Mono<Meeting> update(UUID orgId, UUID id, java.util.function.Function<Fields, Fields> change) {
        Mono<Meeting> work = db.sql("SELECT " + COLUMNS + " FROM meeting WHERE org_id = :org AND id = :id FOR UPDATE")
                .bind("org", orgId).bind("id", id).map(MeetingService::meeting).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such meeting.")))
                .flatMap(current -> {
                    Fields before = new Fields(current.leadId(), current.title(), current.startsAt(), current.endsAt(),
                            current.location(), current.notes());
                    Fields after = change.apply(before);
                    if (after.equals(before)) {
                        return Mono.just(current);
                    }
                    boolean rescheduled = !Objects.equals(before.leadId(), after.leadId())
                            || !before.startsAt().equals(after.startsAt()) || !before.endsAt().equals(after.endsAt());
                    Mono<Void> announce = rescheduled ? outbox.append(orgId,
                            new CrmEvent.MeetingScheduled(id, after.leadId(), after.startsAt(), after.endsAt())).then()
                            : Mono.empty();
                    return requireLead(orgId, Objects.equals(before.leadId(), after.leadId()) ? null : after.leadId())
                            .then(bindFields(db.sql("""
                                            UPDATE meeting SET lead_id = :lead, title = :title, starts_at = :startsAt,
                                                ends_at = :endsAt, location = :location, notes = :notes, updated_at = now()
                                            WHERE org_id = :org AND id = :id"""), after)
                                    .bind("org", orgId).bind("id", id).fetch().rowsUpdated())
                            .then(announce)
                            .then(rescore(orgId, before.leadId(), after.leadId()))
                            .then(find(orgId, id));
                });
        return tx.transactional(work);
    }

    Mono<Void> delete(UUID orgId, UUID id) {
        Mono<Void> work = db.sql("DELETE FROM meeting WHERE org_id = :org AND id = :id RETURNING lead_id")
                .bind("org", orgId).bind("id", id)
                .map(r -> java.util.Optional.ofNullable(r.get("lead_id", UUID.class))).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such meeting.")))
                .flatMap(lead -> rescore(orgId, lead.orElse(null), null));
        return tx.transactional(work);
    }

    private Mono<Void> requireLead(UUID orgId, UUID leadId) {
        if (leadId == null) {
            return Mono.empty();
        }
        return leads.lock(orgId, leadId).then();
    }

    private Mono<Void> rescore(UUID orgId, UUID a, UUID b) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (a != null) {
            ids.add(a);
        }
        if (b != null) {
            ids.add(b);
        }
        return Flux.fromIterable(ids)
                .concatMap(lead -> scoring.rescore(orgId, lead).flatMap(r -> scoring.announce(orgId, r, null)))
                .then();
    }

    private static DatabaseClient.GenericExecuteSpec bindFields(DatabaseClient.GenericExecuteSpec spec, Fields f) {
        spec = f.leadId() == null ? spec.bindNull("lead", UUID.class) : spec.bind("lead", f.leadId());
        spec = spec.bind("title", f.title())
                .bind("startsAt", f.startsAt().truncatedTo(ChronoUnit.MICROS))
                .bind("endsAt", f.endsAt().truncatedTo(ChronoUnit.MICROS));
        spec = LeadServiceBinding.nullable(spec, "location", f.location());
        return LeadServiceBinding.nullable(spec, "notes", f.notes());
    }

    private static final class LeadServiceBinding {
        static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
                                                          String value) {
            return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
        }
    }

    static Meeting meeting(Readable r) {
        return new Meeting(r.get("id", UUID.class), r.get("lead_id", UUID.class), r.get("title", String.class),
                r.get("starts_at", Instant.class), r.get("ends_at", Instant.class), r.get("location", String.class),
                r.get("notes", String.class), r.get("created_at", Instant.class), r.get("updated_at", Instant.class));
    }
}
