package com.aiceo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {

    /**
     * A separable synthetic organization: leads with meetings and recent activity are won, the others
     * lost; priority and source are noise.
     */
    private static List<ModelTrainer.Outcome> synthetic(int n, long seed) {
        Random random = new Random(seed);
        List<ModelTrainer.Outcome> outcomes = new ArrayList<>();
        String[] priorities = {"low", "medium", "high"};
        String[] sources = {"linkedin", "website", "referral", "event", "cold"};
        for (int i = 0; i < n; i++) {
            boolean won = random.nextBoolean();
            int meetings = won ? 1 + random.nextInt(4) : 0;
            double daysSince = won ? random.nextInt(5) : 20 + random.nextInt(60);
            outcomes.add(new ModelTrainer.Outcome(new LeadFeatures(priorities[random.nextInt(3)],
                    sources[random.nextInt(5)], random.nextBoolean(), random.nextInt(10), daysSince, meetings,
                    10 + random.nextInt(100), BigDecimal.valueOf(random.nextInt(50_000))), won));
        }
        return outcomes;
    }

    @Test
    void learnsASeparableSetToHighAccuracyOnUnseenLeads() {
        LogisticModel model = ModelTrainer.train(synthetic(400, 1)).orElseThrow();
        assertThat(model.state().trainingAccuracy()).isGreaterThan(0.95);
        List<ModelTrainer.Outcome> unseen = synthetic(200, 2);
        long correct = unseen.stream()
                .filter(o -> (model.score(o.features()).value() >= 0.5) == o.won())
                .count();
        assertThat(correct / 200.0).isGreaterThan(0.95);
    }

    @Test
    void explainsAScoreByTheFeaturesThatDecideIt() {
        LogisticModel model = ModelTrainer.train(synthetic(400, 3)).orElseThrow();
        Score hot = model.score(new LeadFeatures("low", "cold", false, 2, 1.0, 3, 30, BigDecimal.TEN));
        Score cold = model.score(new LeadFeatures("low", "cold", false, 2, 70.0, 0, 30, BigDecimal.TEN));
        assertThat(hot.model()).isEqualTo(LogisticModel.MODEL);
        assertThat(hot.value()).isGreaterThan(0.9);
        assertThat(cold.value()).isLessThan(0.1);
        assertThat(hot.factors()).hasSizeLessThanOrEqualTo(3).isNotEmpty();
        assertThat(hot.factors().get(0).feature()).isIn("meetings", "activity_recency");
        assertThat(hot.factors().get(0).impact()).isPositive();
        assertThat(cold.factors().get(0).impact()).isNegative();
    }

    @Test
    void tooFewOutcomesOrOneSidedOutcomesKeepThePrior() {
        assertThat(ModelTrainer.train(synthetic(19, 4))).isEmpty();
        List<ModelTrainer.Outcome> allWon = synthetic(100, 5).stream()
                .map(o -> new ModelTrainer.Outcome(o.features(), true)).toList();
        assertThat(ModelTrainer.train(allWon)).isEmpty();
        LeadFeatures lead = new LeadFeatures("high", "linkedin", true, 0, null, 0, 1, null);
        assertThat(LeadScorer.score(lead, null)).isEqualTo(HeuristicPrior.score(lead));
        assertThat(LeadScorer.score(lead, null).value()).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aStoredModelRoundTripsAndAnOutdatedOneIsRefused() {
        LogisticModel model = ModelTrainer.train(synthetic(100, 6)).orElseThrow();
        LogisticModel.State state = model.state();
        LeadFeatures lead = new LeadFeatures("medium", "referral", true, 4, 3.0, 1, 20, BigDecimal.ONE);
        assertThat(LogisticModel.fromState(state).score(lead)).isEqualTo(model.score(lead));
        LogisticModel.State old = new LogisticModel.State(state.featureVersion() - 1, state.bias(), state.weights(),
                state.means(), state.scales(), state.trainedOn(), state.trainingAccuracy());
        assertThat(LogisticModel.fromState(old)).isNull();
    }

    @Test
    void trainingIsDeterministic() {
        List<ModelTrainer.Outcome> outcomes = synthetic(60, 7);
        assertThat(ModelTrainer.train(outcomes).orElseThrow().state().weights())
                .containsExactly(ModelTrainer.train(outcomes).orElseThrow().state().weights());
    }
}
