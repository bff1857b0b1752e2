package com.aiceo.crm.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An organization's learned lead score: logistic regression over standardised {@link FeatureVector}s,
 * trained on that organization's won (1) and lost (0) leads by {@link ModelTrainer}. Immutable; persisted
 * through {@link #state()} / {@link #fromState(State)}.
 */
public final class LogisticModel {

    public static final String MODEL = "logistic-v" + FeatureVector.VERSION;
    static final int TOP_FACTORS = 3;

    private final State state;

    LogisticModel(State state) {
        this.state = state;
    }

    /**
     * What is stored: feature-list version, bias, one weight / mean / scale per feature, how many outcomes it
     * learnt from and its accuracy on them.
     */
    public record State(int featureVersion, double bias, double[] weights, double[] means, double[] scales,
                        int trainedOn, double trainingAccuracy) {
    }

    /** A stored model, or {@code null} when it was trained on another feature list (retrain it). */
    public static LogisticModel fromState(State state) {
        if (state == null || state.featureVersion() != FeatureVector.VERSION
                || state.weights().length != FeatureVector.NAMES.length
                || state.means().length != FeatureVector.NAMES.length
                || state.scales().length != FeatureVector.NAMES.length) {
            return null;
        }
        return new LogisticModel(state);
    }

    public State state() {
        return state;
    }

    public Score score(LeadFeatures lead) {
        double[] z = standardise(FeatureVector.of(lead));
        double logit = state.bias();
        List<Factor> factors = new ArrayList<>(z.length);
        for (int i = 0; i < z.length; i++) {
            double contribution = state.weights()[i] * z[i];
            logit += contribution;
            if (Math.abs(contribution) >= 1e-3) {
                factors.add(new Factor(FeatureVector.NAMES[i], FeatureVector.reason(i, lead, contribution),
                        Math.round(contribution * 1000) / 1000.0));
            }
        }
        factors.sort(Comparator.comparingDouble((Factor f) -> -Math.abs(f.impact())));
        return new Score(sigmoid(logit), MODEL, factors.subList(0, Math.min(TOP_FACTORS, factors.size())));
    }

    double probability(double[] rawFeatures) {
        double[] z = standardise(rawFeatures);
        double logit = state.bias();
        for (int i = 0; i < z.length; i++) {
            logit += state.weights()[i] * z[i];
        }
        return sigmoid(logit);
    }

    private double[] standardise(double[] x) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = (x[i] - state.means()[i]) / state.scales()[i];
        }
        return z;
    }

    static double sigmoid(double logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }
}
