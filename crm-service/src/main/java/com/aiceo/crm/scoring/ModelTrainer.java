package com.aiceo.crm.scoring;

import java.util.List;
import java.util.Optional;

/**
 * Trains an organization's {@link LogisticModel} on its won/lost leads: features standardised, batch
 * gradient descent on the log-loss with a small L2 penalty (so a perfectly separable set does not send the
 * weights to infinity), fixed iterations — deterministic, a few milliseconds for thousands of outcomes.
 * Below {@link #MIN_OUTCOMES} outcomes, or fewer than {@link #MIN_PER_CLASS} of either class, there is
 * nothing trustworthy to learn and the organization keeps the {@link HeuristicPrior}.
 */
public final class ModelTrainer {

    public static final int MIN_OUTCOMES = 20;
    public static final int MIN_PER_CLASS = 3;
    static final int ITERATIONS = 400;
    static final double LEARNING_RATE = 0.5;
    static final double L2 = 0.01;

    /** A closed lead: its features and whether it was won. */
    public record Outcome(LeadFeatures features, boolean won) {
    }

    private ModelTrainer() {
    }

    public static Optional<LogisticModel> train(List<Outcome> outcomes) {
        int n = outcomes.size();
        long won = outcomes.stream().filter(Outcome::won).count();
        if (n < MIN_OUTCOMES || won < MIN_PER_CLASS || n - won < MIN_PER_CLASS) {
            return Optional.empty();
        }
        int d = FeatureVector.NAMES.length;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = FeatureVector.of(outcomes.get(i).features());
            y[i] = outcomes.get(i).won() ? 1 : 0;
        }
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            means[j] = sum / n;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - means[j]) * (row[j] - means[j]);
            }
            double sd = Math.sqrt(var / n);
            scales[j] = sd < 1e-9 ? 1 : sd; // a constant feature stays 0 after centring
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - means[j]) / scales[j];
            }
        }
        double[] w = new double[d];
        double b = Math.log((won + 0.5) / (n - won + 0.5)); // start from the base rate
        double[] grad = new double[d];
        for (int it = 0; it < ITERATIONS; it++) {
            java.util.Arrays.fill(grad, 0);
            double gradB = 0;
            for (int i = 0; i < n; i++) {
                double logit = b;
                for (int j = 0; j < d; j++) {
                    logit += w[j] * z[i][j];
                }
                double err = LogisticModel.sigmoid(logit) - y[i];
                gradB += err;
                for (int j = 0; j < d; j++) {
                    grad[j] += err * z[i][j];
                }
            }
            b -= LEARNING_RATE * gradB / n;
            for (int j = 0; j < d; j++) {
                w[j] -= LEARNING_RATE * (grad[j] / n + L2 * w[j]);
            }
        }
        LogisticModel fitted = new LogisticModel(new LogisticModel.State(FeatureVector.VERSION, b, w, means, scales, n, 0));
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if ((fitted.probability(x[i]) >= 0.5) == (y[i] == 1)) {
                correct++;
            }
        }
        return Optional.of(new LogisticModel(new LogisticModel.State(FeatureVector.VERSION, b, w, means, scales, n,
                (double) correct / n)));
    }
}
