package com.aiceo.crm.lead;

import com.aiceo.crm.scoring.LeadFeatures;
import com.aiceo.crm.scoring.LeadScorer;
import com.aiceo.crm.scoring.LogisticModel;
import com.aiceo.crm.scoring.Score;
import com.aiceo.events.crm.CrmEvent;
import com.aiceo.events.outbox.Outbox;
import com.aiceo.web.ApiException;
import com.aiceo.web.PageOf;
import com.aiceo.web.Paging;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Leads of an organization: every statement is scoped by {@code org_id}, so another organization's lead is
 * simply not found (404). Each change writes its events to the outbox in the same transaction. A status that
 * enters or leaves won/lost asks the {@link Retrainer} to retrain the organization's model after commit.
 */
@Service
public class LeadService {

    static final String COLUMNS = """
            id, name, email, company, title, phone, source, priority, status, notes, value, score, score_model,
            score_factors::text AS score_factors, last_activity_at, created_at, updated_at""";

    /** Filters of the lead list (already validated). */
    public record Filter(String status, String q, Double minScore, Integer staleDays, String sort) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Outbox outbox;
    private final LeadScoring scoring;
    private final ModelStore models;
    private final Retrainer retrainer;

    LeadService(DatabaseClient db, TransactionalOperator tx, Outbox outbox, LeadScoring scoring, ModelStore models,
                Retrainer retrainer) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.scoring = scoring;
        this.models = models;
        this.retrainer = retrainer;
    }

    Mono<Lead> create(UUID orgId, LeadFields f) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        LeadFeatures features = new LeadFeatures(f.priority(), f.source(), f.company() != null, 0, null, 0, 0, f.value());
        Mono<Lead> work = scoring.scoreNew(orgId, features)
                .flatMap(score -> insert(orgId, id, f, score, now)
                        .flatMap(inserted -> inserted ? Mono.just(score)
                                : Mono.error(ApiException.conflict("A lead with this email already exists."))))
                .flatMap(score -> outbox.append(orgId, new CrmEvent.LeadCreated(id, f.status(), f.priority(),
                        f.source(), f.value(), LeadScoring.round(score.value()), null, now)))
                .then(find(orgId, id));
        return tx.transactional(work).doOnSuccess(lead -> {
            if (f.closed()) {
                retrainer.request(orgId);
            }
        });
    }

    /** Inserts unless the email exists in the organization; answers whether it did. Joins the transaction. */
    private Mono<Boolean> insert(UUID orgId, UUID id, LeadFields f, Score score, Instant now) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO lead (id, org_id, name, email, company, title, phone, source, priority, status, notes,
                                          value, score, score_model, score_factors, created_at, updated_at, closed_at)
                        VALUES (:id, :org, :name, :email, :company, :title, :phone, :source, :priority, :status, :notes,
                                :value, :score, :model, CAST(:factors AS jsonb), :now, :now, :closedAt)
                        ON CONFLICT (org_id, email) DO NOTHING""")
                .bind("id", id).bind("org", orgId).bind("name", f.name()).bind("email", f.email())
                .bind("priority", f.priority()).bind("status", f.status())
                .bind("score", score.value()).bind("model", score.model())
                .bind("factors", LeadScoring.factorsJson(score)).bind("now", now);
        spec = nullable(spec, "company", f.company());
        spec = nullable(spec, "title", f.title());
        spec = nullable(spec, "phone", f.phone());
        spec = nullable(spec, "source", f.source());
        spec = nullable(spec, "notes", f.notes());
        spec = f.value() == null ? spec.bindNull("value", BigDecimal.class) : spec.bind("value", f.value());
        spec = f.closed() ? spec.bind("closedAt", now) : spec.bindNull("closedAt", Instant.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Lead> find(UUID orgId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM lead WHERE org_id = :org AND id = :id")
                .bind("org", orgId).bind("id", id)
                .map(LeadService::lead).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such lead.")));
    }

    /** The lead, locked until the end of the caller's transaction; 404 when not in the organization. */
    public Mono<Lead> lock(UUID orgId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM lead WHERE org_id = :org AND id = :id FOR UPDATE")
                .bind("org", orgId).bind("id", id)
                .map(LeadService::lead).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such lead.")));
    }

    Mono<PageOf<Lead>> list(UUID orgId, Filter filter, Paging paging) {
        StringBuilder where = new StringBuilder(" WHERE org_id = :org");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("org", orgId);
        if (filter.status() != null) {
            where.append(" AND status = :status");
            binds.put("status", filter.status());
        }
        if (filter.q() != null) {
            where.append(" AND search LIKE :q");
            binds.put("q", "%" + likeEscape(filter.q().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (filter.minScore() != null) {
            where.append(" AND score >= :minScore");
            binds.put("minScore", filter.minScore());
        }
        if (filter.staleDays() != null) {
            where.append(" AND coalesce(last_activity_at, created_at) < now() - make_interval(days => :staleDays)");
            binds.put("staleDays", filter.staleDays());
        }
        String order = switch (filter.sort() == null ? "" : filter.sort()) {
            case "score" -> " ORDER BY score DESC, id";
            case "lastActivity" -> " ORDER BY last_activity_at DESC NULLS LAST, id";
            default -> " ORDER BY created_at DESC, id";
        };
        DatabaseClient.GenericExecuteSpec count = db.sql("SELECT count(*) AS n FROM lead" + where);
        DatabaseClient.GenericExecuteSpec items = db.sql("SELECT " + COLUMNS + " FROM lead" + where + order
                + " LIMIT :limit OFFSET :offset");
        for (Map.Entry<String, Object> e : binds.entrySet()) {
            count = count.bind(e.getKey(), e.getValue());
            items = items.bind(e.getKey(), e.getValue());
        }
        items = items.bind("limit", paging.size()).bind("offset", paging.offset());
        return items.map(LeadService::lead).all().collectList()
                .zipWith(count.map(r -> r.get("n", Long.class)).one())
                .map(t -> PageOf.of(t.getT1(), paging, t.getT2()));
    }

    Mono<Lead> update(UUID orgId, UUID id, java.util.function.Function<LeadFields, LeadFields> change) {
        boolean[] crossed = new boolean[1];
        Mono<Lead> work = lock(orgId, id).flatMap(current -> {
            LeadFields before = current.fields();
            LeadFields after = change.apply(before);
            if (after.equals(before)) {
                return Mono.just(current);
            }
            boolean statusChanged = !Objects.equals(before.status(), after.status());
            crossed[0] = before.closed() != after.closed() || (statusChanged && after.closed());
            DatabaseClient.GenericExecuteSpec spec = db.sql("""
                            UPDATE lead SET name = :name, email = :email, company = :company, title = :title,
                                phone = :phone, source = :source, priority = :priority, status = :status, notes = :notes,
                                value = :value, updated_at = now(),
                                closed_at = CASE WHEN :closing THEN now() WHEN :open THEN NULL ELSE closed_at END
                            WHERE org_id = :org AND id = :id""")
                    .bind("name", after.name()).bind("email", after.email())
                    .bind("priority", after.priority()).bind("status", after.status())
                    .bind("closing", statusChanged && after.closed()).bind("open", !after.closed())
                    .bind("org", orgId).bind("id", id);
            spec = nullable(spec, "company", after.company());
            spec = nullable(spec, "title", after.title());
            spec = nullable(spec, "phone", after.phone());
            spec = nullable(spec, "source", after.source());
            spec = nullable(spec, "notes", after.notes());
            spec = after.value() == null ? spec.bindNull("value", BigDecimal.class) : spec.bind("value", after.value());
            return spec.fetch().rowsUpdated()
                    .onErrorMap(DataIntegrityViolationException.class,
                            e -> ApiException.conflict("A lead with this email already exists."))
                    .then(scoring.rescore(orgId, id))
                    .flatMap(rescored -> find(orgId, id).flatMap(lead -> outbox.append(orgId,
                                    new CrmEvent.LeadUpdated(id, lead.status(), lead.priority(), lead.value(),
                                            LeadScoring.round(lead.score()), lead.lastActivityAt()))
                            .then(statusChanged ? outbox.append(orgId,
                                    new CrmEvent.LeadStatusChanged(id, before.status(), after.status())).then()
                                    : Mono.<Void>empty())
                            .then(scoring.announce(orgId, rescored, null))
                            .thenReturn(lead)));
        });
        return tx.transactional(work).doOnSuccess(lead -> {
            if (crossed[0]) {
                retrainer.request(orgId);
            }
        });
    }

    Mono<Void> delete(UUID orgId, UUID id) {
        Mono<String> work = db.sql("DELETE FROM lead WHERE org_id = :org AND id = :id RETURNING status")
                .bind("org", orgId).bind("id", id)
                .map(r -> r.get("status", String.class)).one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No such lead.")))
                .flatMap(status -> outbox.append(orgId, new CrmEvent.LeadDeleted(id)).thenReturn(status));
        return tx.transactional(work).doOnSuccess(status -> {
            if (LeadFields.CLOSED.contains(status)) {
                retrainer.request(orgId);
            }
        }).then();
    }

    /**
     * Moves the lead's {@code lastActivityAt} to {@code occurredAt} if that is later (a back-dated activity
     * never moves it backwards). Joins the caller's transaction.
     */
    public Mono<Void> activityAt(UUID orgId, UUID id, Instant occurredAt) {
        return db.sql("""
                        UPDATE lead SET last_activity_at = GREATEST(last_activity_at, :at)
                        WHERE org_id = :org AND id = :id""")
                .bind("at", occurredAt).bind("org", orgId).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    // --- CSV import and export -------------------------------------------------------------------------

    /** The organization's model for a whole import, or empty for the prior. */
    public Mono<java.util.Optional<LogisticModel>> modelForImport(UUID orgId) {
        return models.load(orgId);
    }

    /**
     * Inserts a batch of imported leads (in the caller's transaction), skipping emails the organization
     * already has (including earlier lines of the same import); answers, per row, whether it was inserted.
     * Each inserted lead gets its {@code LeadCreated}.
     */
    public Mono<List<Boolean>> insertImported(UUID orgId, List<LeadFields> rows, LogisticModel model) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int n = rows.size();
        UUID[] ids = new UUID[n];
        Score[] scores = new Score[n];
        for (int i = 0; i < n; i++) {
            LeadFields f = rows.get(i);
            ids[i] = UUID.randomUUID();
            scores[i] = LeadScorer.score(new LeadFeatures(f.priority(), f.source(), f.company() != null, 0, null, 0, 0,
                    f.value()), model);
        }
        return db.sql("""
                        INSERT INTO lead (id, org_id, name, email, company, title, phone, source, priority, status, notes,
                                          value, score, score_model, score_factors, created_at, updated_at, closed_at)
                        SELECT v.id, :org, v.name, v.email, v.company, v.title, v.phone, v.source, v.priority, v.status,
                               v.notes, v.value::numeric, v.score, v.model, v.factors::jsonb, :now, :now,
                               CASE WHEN v.status IN ('won', 'lost') THEN :now END
                        FROM unnest(:ids::uuid[], :names::text[], :emails::text[], :companies::text[], :titles::text[],
                                    :phones::text[], :sources::text[], :priorities::text[], :statuses::text[],
                                    :notes::text[], :values::text[], :scores::float8[], :models::text[], :factors::text[])
                             WITH ORDINALITY AS v(id, name, email, company, title, phone, source, priority, status,
                                                  notes, value, score, model, factors, ord)
                        ORDER BY v.ord
                        ON CONFLICT (org_id, email) DO NOTHING
                        RETURNING id""")
                .bind("org", orgId).bind("now", now).bind("ids", ids)
                .bind("names", column(rows, LeadFields::name)).bind("emails", column(rows, LeadFields::email))
                .bind("companies", column(rows, LeadFields::company)).bind("titles", column(rows, LeadFields::title))
                .bind("phones", column(rows, LeadFields::phone)).bind("sources", column(rows, LeadFields::source))
                .bind("priorities", column(rows, LeadFields::priority))
                .bind("statuses", column(rows, LeadFields::status)).bind("notes", column(rows, LeadFields::notes))
                .bind("values", column(rows, f -> f.value() == null ? null : f.value().toPlainString()))
                .bind("scores", java.util.Arrays.stream(scores).map(Score::value).toArray(Double[]::new))
                .bind("models", java.util.Arrays.stream(scores).map(Score::model).toArray(String[]::new))
                .bind("factors", java.util.Arrays.stream(scores).map(LeadScoring::factorsJson).toArray(String[]::new))
                .map(r -> r.get("id", UUID.class)).all()
                .collect(HashSet<UUID>::new, Set::add)
                .flatMap(inserted -> {
                    List<Boolean> result = new ArrayList<>(n);
                    List<CrmEvent> events = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        boolean ok = inserted.contains(ids[i]);
                        result.add(ok);
                        if (ok) {
                            LeadFields f = rows.get(i);
                            events.add(new CrmEvent.LeadCreated(ids[i], f.status(), f.priority(),
                                    f.source(), f.value(), LeadScoring.round(scores[i].value()), null, now));
                        }
                    }
                    return outbox.appendAll(orgId, events).thenReturn(result);
                });
    }

    /** Asks for a retrain after an import that brought won/lost leads (once per import, not per row). */
    public void outcomesChanged(UUID orgId) {
        retrainer.request(orgId);
    }

    /** Every lead of the organization, oldest first, streamed from the database. */
    public Flux<Lead> all(UUID orgId) {
        return db.sql("SELECT " + COLUMNS + " FROM lead WHERE org_id = :org ORDER BY created_at, id")
                .bind("org", orgId).map(LeadService::lead).all();
    }

    static Lead lead(Readable r) {
        return new Lead(r.get("id", UUID.class), r.get("name", String.class), r.get("email", String.class),
                r.get("company", String.class), r.get("title", String.class), r.get("phone", String.class),
                r.get("source", String.class), r.get("priority", String.class), r.get("status", String.class),
                r.get("notes", String.class), r.get("value", BigDecimal.class), LeadScoring.round(r.get("score", Double.class)),
                r.get("score_model", String.class), LeadScoring.factors(r.get("score_factors", String.class)),
                r.get("last_activity_at", Instant.class), r.get("created_at", Instant.class),
                r.get("updated_at", Instant.class));
    }

    private static String[] column(List<LeadFields> rows, java.util.function.Function<LeadFields, String> get) {
        return rows.stream().map(get).toArray(String[]::new);
    }

    static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
