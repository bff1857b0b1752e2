package com.aiceo.crm.lead;

import com.aiceo.crm.scoring.LeadScorer;
import com.aiceo.crm.scoring.LogisticModel;
import com.aiceo.crm.scoring.ModelTrainer;
import com.aiceo.crm.scoring.Score;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Retrains an organization's lead-score model from its won/lost leads and re-scores its open leads — after
 * the change that asked for it has committed, off the request path. Requests for one organization coalesce
 * (one that arrives while a retrain is queued is absorbed; one that arrives while it runs causes exactly one
 * more run); at most {@code crm.scoring.retrain-concurrency} organizations retrain at once. Open leads are
 * re-scored in pages of {@link #PAGE}, each page in its own transaction with its {@code LeadScored} events.
 * Training uses an organization's most recent {@link #MAX_OUTCOMES} outcomes.
 *
 * <p>In-memory coordination per instance: two instances may both retrain one organization; the result is
 * the same (training is deterministic), only the work is done twice.
 */
@Component
public class Retrainer implements DisposableBean {

    static final int PAGE = 500;
    static final int MAX_OUTCOMES = 20_000;
    private static final Logger log = LoggerFactory.getLogger(Retrainer.class);

    private enum State { QUEUED, RUNNING, RERUN }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ModelStore models;
    private final LeadScoring scoring;
    private final MeterRegistry meters;
    private final Map<UUID, State> states = new HashMap<>();
    private final Sinks.Many<UUID> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable worker;

    Retrainer(DatabaseClient db, TransactionalOperator tx, ModelStore models, LeadScoring scoring,
              MeterRegistry meters,
              @Value("${crm.scoring.retrain-delay:200ms}") Duration delay,
              @Value("${crm.scoring.retrain-concurrency:2}") int concurrency) {
        this.db = db;
        this.tx = tx;
        this.models = models;
        this.scoring = scoring;
        this.meters = meters;
        this.worker = queue.asFlux()
                .flatMap(org -> Mono.delay(delay)
                        .doOnNext(x -> started(org))
                        .then(retrain(org))
                        .doOnSuccess(x -> meters.counter("crm.score.retrains", "outcome", "ok").increment())
                        .onErrorResume(e -> {
                            log.warn("Retraining the lead score of organization {} failed: {}", org, e.toString());
                            meters.counter("crm.score.retrains", "outcome", "failed").increment();
                            return Mono.empty();
                        })
                        .doFinally(s -> finished(org)), concurrency)
                .subscribe();
    }

    /** Asks for a retrain of the organization's model (call after the change committed). */
    public synchronized void request(UUID orgId) {
        State state = states.get(orgId);
        log.debug("Retrain of organization {} requested ({})", orgId, state);
        if (state == null) {
            states.put(orgId, State.QUEUED);
            queue.tryEmitNext(orgId);
        } else if (state == State.RUNNING) {
            states.put(orgId, State.RERUN);
        }
    }

    private synchronized void started(UUID orgId) {
        states.put(orgId, State.RUNNING);
    }

    private synchronized void finished(UUID orgId) {
        if (states.get(orgId) == State.RERUN) {
            states.put(orgId, State.QUEUED);
            queue.tryEmitNext(orgId);
        } else {
            states.remove(orgId);
        }
    }

    /** Trains on the organization's outcomes, stores (or drops) its model, re-scores its open leads. */
    Mono<Void> retrain(UUID orgId) {
        return scoring.scoredLeads("""
                         WHERE l.org_id = :org AND l.status IN ('won', 'lost')
                         ORDER BY l.closed_at DESC NULLS LAST, l.id LIMIT :limit""",
                        spec -> spec.bind("org", orgId).bind("limit", MAX_OUTCOMES))
                .map(s -> new ModelTrainer.Outcome(s.features(), "won".equals(s.status())))
                .collectList()
                .publishOn(Schedulers.parallel())
                .map(outcomes -> {
                    Optional<LogisticModel> model = ModelTrainer.train(outcomes);
                    log.info("Lead score of organization {}: {} from {} outcomes", orgId,
                            model.map(m -> LogisticModel.MODEL + " (training accuracy "
                                    + Math.round(m.state().trainingAccuracy() * 100) + "%)").orElse("prior"),
                            outcomes.size());
                    return model;
                })
                .flatMap(model -> tx.transactional(model.map(m -> models.save(orgId, m))
                                .orElseGet(() -> models.delete(orgId)))
                        .then(rescoreOpenLeads(orgId, model.orElse(null), null)));
    }

    /** Re-scores every open lead of the organization, page by page (keyset on id; PostgreSQL orders uuids as unsigned bytes, so the first page starts after the nil uuid). */
    private Mono<Void> rescoreOpenLeads(UUID orgId, LogisticModel model, UUID after) {
        return tx.transactional(scoring.scoredLeads("""
                                 WHERE l.org_id = :org AND l.status NOT IN ('won', 'lost') AND l.id > :after
                                 ORDER BY l.id LIMIT :limit""",
                                spec -> spec.bind("org", orgId)
                                        .bind("after", after == null ? new UUID(0, 0) : after)
                                        .bind("limit", PAGE))
                        .collectList()
                        .flatMap(page -> rescorePage(orgId, model, page).thenReturn(page)))
                .flatMap(page -> page.size() < PAGE ? Mono.empty()
                        : rescoreOpenLeads(orgId, model, page.get(page.size() - 1).id()));
    }

    private Mono<Void> rescorePage(UUID orgId, LogisticModel model, List<LeadScoring.Scored> page) {
        List<LeadScoring.Rescored> changed = new ArrayList<>();
        for (LeadScoring.Scored lead : page) {
            Score score = LeadScorer.score(lead.features(), model);
            if (score.value() != lead.score() || !score.model().equals(lead.model())) {
                changed.add(new LeadScoring.Rescored(lead.id(), lead.score(), lead.model(), score));
            }
        }
        if (changed.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        UPDATE lead SET score = v.score, score_model = v.model, score_factors = v.factors::jsonb
                        FROM unnest(:ids::uuid[], :scores::float8[], :models::text[], :factors::text[])
                             AS v(id, score, model, factors)
                        WHERE lead.org_id = :org AND lead.id = v.id""")
                .bind("ids", changed.stream().map(LeadScoring.Rescored::leadId).toArray(UUID[]::new))
                .bind("scores", changed.stream().map(r -> r.score().value()).toArray(Double[]::new))
                .bind("models", changed.stream().map(r -> r.score().model()).toArray(String[]::new))
                .bind("factors", changed.stream().map(r -> LeadScoring.factorsJson(r.score())).toArray(String[]::new))
                .bind("org", orgId)
                .fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(changed).concatMap(r -> scoring.announce(orgId, r, null)))
                .then();
    }

    @Override
    public void destroy() {
        worker.dispose();
    }
}
