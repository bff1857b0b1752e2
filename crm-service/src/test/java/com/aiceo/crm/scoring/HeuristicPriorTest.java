package com.aiceo.crm.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class HeuristicPriorTest {

    private static LeadFeatures lead(String priority, String source, boolean company, int activities) {
        return new LeadFeatures(priority, source, company, activities, null, 0, 3, BigDecimal.ZERO);
    }

    @Test
    void aBareLeadScoresTheBase() {
        Score score = HeuristicPrior.score(lead("medium", "website", false, 0));
        assertThat(score.value()).isEqualTo(0.5);
        assertThat(score.model()).isEqualTo("prior");
        assertThat(score.factors()).extracting(Factor::feature).containsExactly("base");
    }

    @Test
    void eachSignalAddsItsPointsAndNamesItself() {
        assertThat(HeuristicPrior.score(lead("high", null, false, 0)).value()).isEqualTo(0.7, within());
        assertThat(HeuristicPrior.score(lead("low", null, true, 0)).value()).isEqualTo(0.6, within());
        assertThat(HeuristicPrior.score(lead("low", null, false, 3)).value()).isEqualTo(0.5, within());
        assertThat(HeuristicPrior.score(lead("low", null, false, 4)).value()).isEqualTo(0.65, within());
        assertThat(HeuristicPrior.score(lead("low", " LinkedIn ", false, 0)).value()).isEqualTo(0.55, within());
        Score all = HeuristicPrior.score(lead("high", "linkedin", true, 9));
        assertThat(all.value()).isEqualTo(1.0);
        assertThat(all.factors()).extracting(Factor::feature)
                .containsExactly("priority", "activities", "company", "source");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
