package com.aiceo.crm.lead;

import com.aiceo.crm.scoring.LogisticModel;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** An organization's learned model in {@code lead_score_model}; no row (or an outdated one) = the prior. */
@Component
class ModelStore {

    private final DatabaseClient db;

    ModelStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Optional<LogisticModel>> load(UUID orgId) {
        return db.sql("""
                        SELECT feature_version, bias, weights, means, scales, trained_on, training_accuracy
                        FROM lead_score_model WHERE org_id = :org""")
                .bind("org", orgId)
                .map(r -> Optional.ofNullable(LogisticModel.fromState(new LogisticModel.State(
                        r.get("feature_version", Integer.class), r.get("bias", Double.class),
                        unbox(r.get("weights", Double[].class)), unbox(r.get("means", Double[].class)),
                        unbox(r.get("scales", Double[].class)), r.get("trained_on", Integer.class),
                        r.get("training_accuracy", Double.class)))))
                .one()
                .defaultIfEmpty(Optional.empty());
    }

    Mono<Void> save(UUID orgId, LogisticModel model) {
        LogisticModel.State s = model.state();
        return db.sql("""
                        INSERT INTO lead_score_model (org_id, feature_version, bias, weights, means, scales, trained_on,
                                                      training_accuracy, trained_at)
                        VALUES (:org, :version, :bias, :weights, :means, :scales, :trainedOn, :accuracy, now())
                        ON CONFLICT (org_id) DO UPDATE SET feature_version = excluded.feature_version,
                            bias = excluded.bias, weights = excluded.weights, means = excluded.means,
                            scales = excluded.scales, trained_on = excluded.trained_on,
                            training_accuracy = excluded.training_accuracy, trained_at = excluded.trained_at""")
                .bind("org", orgId).bind("version", s.featureVersion()).bind("bias", s.bias())
                .bind("weights", box(s.weights())).bind("means", box(s.means())).bind("scales", box(s.scales()))
                .bind("trainedOn", s.trainedOn()).bind("accuracy", s.trainingAccuracy())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> delete(UUID orgId) {
        return db.sql("DELETE FROM lead_score_model WHERE org_id = :org").bind("org", orgId)
                .fetch().rowsUpdated().then();
    }

    private static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static double[] unbox(Double[] values) {
        double[] unboxed = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            unboxed[i] = values[i] == null ? 0 : values[i];
        }
        return unboxed;
    }
}
