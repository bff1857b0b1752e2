package com.aiceo.crm.lead;

import com.aiceo.crm.scoring.Factor;
import com.aiceo.crm.scoring.LeadFeatures;
import com.aiceo.crm.scoring.LeadScorer;
import com.aiceo.crm.scoring.LogisticModel;
import com.aiceo.crm.scoring.Score;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.EventJson;
import com.aiceo.events.crm.CrmEvent;
import com.aiceo.events.outbox.Outbox;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Scores leads with {@link LeadScorer}: features from the lead row and counts of its activities and meetings,
 * the organization's learned model or the prior. A closed (won/lost) lead's time-dependent features are taken
 * as of when it closed (activities and meetings up to then, days in pipeline until then) — what training sees.
 * A score change of at least {@code crm.scoring.event-threshold} (or another model) is announced as
 * {@code LeadScored}.
 */
@Component
public class LeadScoring {

    /** Feature columns of {@code lead l} plus its activity/meeting counts as of {@code coalesce(closed_at, now)}. */
    static final String FEATURES_SQL = """
            SELECT l.id, l.status, l.priority, l.source, l.company, l.value, l.created_at, l.closed_at,
                   l.score, l.score_model, a.n AS activities, a.last AS last_activity, m.n AS meetings
            FROM lead l
            CROSS JOIN LATERAL (SELECT count(*) AS n, max(x.occurred_at) AS last FROM lead_activity x
                                WHERE x.lead_id = l.id AND x.occurred_at <= coalesce(l.closed_at, 'infinity')) a
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM meeting y
                                WHERE y.lead_id = l.id AND y.starts_at <= coalesce(l.closed_at, 'infinity')) m
            """;

    private static final TypeReference<List<Factor>> FACTORS = new TypeReference<>() {
    };

    /** A lead's scoring inputs and its stored score. */
    record Scored(UUID id, String status, LeadFeatures features, double score, String model) {
    }

    /** The outcome of re-scoring one lead. */
    public record Rescored(UUID leadId, double previous, String previousModel, Score score) {
    }

    private final DatabaseClient db;
    private final ModelStore models;
    private final Outbox outbox;
    private final double threshold;

    LeadScoring(DatabaseClient db, ModelStore models, Outbox outbox,
                @Value("${crm.scoring.event-threshold:0.01}") double threshold) {
        this.db = db;
        this.models = models;
        this.outbox = outbox;
        this.threshold = threshold;
    }

    /** Scores with the organization's model, answering the score (a {@code Mono} that always has a value). */
    Mono<Score> scoreNew(UUID orgId, LeadFeatures features) {
        return models.load(orgId).map(m -> LeadScorer.score(features, m.orElse(null)));
    }

    /**
     * Recomputes a lead's score and stores it; joins the caller's transaction. Empty when the lead does not
     * exist in the organization.
     */
    public Mono<Rescored> rescore(UUID orgId, UUID leadId) {
        return db.sql(FEATURES_SQL + " WHERE l.org_id = :org AND l.id = :id")
                .bind("org", orgId).bind("id", leadId)
                .map(LeadScoring::scored).one()
                .zipWith(models.load(orgId))
                .flatMap(t -> {
                    Scored lead = t.getT1();
                    Score score = LeadScorer.score(lead.features(), t.getT2().orElse(null));
                    return store(orgId, leadId, score)
                            .thenReturn(new Rescored(leadId, lead.score(), lead.model(), score));
                });
    }

    Mono<Void> store(UUID orgId, UUID leadId, Score score) {
        return db.sql("""
                        UPDATE lead SET score = :score, score_model = :model, score_factors = CAST(:factors AS jsonb)
                        WHERE org_id = :org AND id = :id""")
                .bind("score", score.value()).bind("model", score.model()).bind("factors", factorsJson(score))
                .bind("org", orgId).bind("id", leadId)
                .fetch().rowsUpdated().then();
    }

    /** Appends {@code LeadScored} when the change is noticeable (joins the caller's transaction). */
    public Mono<Void> announce(UUID orgId, Rescored r, EventEnvelope<?> cause) {
        if (!noticeable(r.previous(), r.previousModel(), r.score())) {
            return Mono.empty();
        }
        CrmEvent.LeadScored event = new CrmEvent.LeadScored(r.leadId(), round(r.score().value()), r.score().model());
        return (cause == null ? outbox.append(orgId, event) : outbox.appendCausedBy(cause, orgId, event)).then();
    }

    boolean noticeable(double previous, String previousModel, Score score) {
        return Math.abs(score.value() - previous) >= threshold || !score.model().equals(previousModel);
    }

    /** Scoring inputs of many leads (a page of an organization's open leads, or its outcomes). */
    Flux<Scored> scoredLeads(String whereOrderLimit, java.util.function.UnaryOperator<DatabaseClient.GenericExecuteSpec> binder) {
        return binder.apply(db.sql(FEATURES_SQL + whereOrderLimit)).map(LeadScoring::scored).all();
    }

    static Scored scored(Readable r) {
        Instant closedAt = r.get("closed_at", Instant.class);
        Instant asOf = closedAt != null ? closedAt : Instant.now();
        Instant created = r.get("created_at", Instant.class);
        Instant last = r.get("last_activity", Instant.class);
        String company = r.get("company", String.class);
        LeadFeatures features = new LeadFeatures(r.get("priority", String.class), r.get("source", String.class),
                company != null && !company.isBlank(), r.get("activities", Long.class).intValue(),
                last == null ? null : days(last, asOf), r.get("meetings", Long.class).intValue(),
                days(created, asOf), r.get("value", BigDecimal.class));
        return new Scored(r.get("id", UUID.class), r.get("status", String.class), features,
                r.get("score", Double.class), r.get("score_model", String.class));
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 86_400_000.0);
    }

    static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    static String factorsJson(Score score) {
        return EventJson.mapper().writeValueAsString(score.factors());
    }

    static List<Factor> factors(String json) {
        return json == null ? List.of() : EventJson.mapper().readValue(json, FACTORS);
    }
}
