package com.aiceo.crm.scoring;

import java.util.List;

/**
 * A lead's score in 0..1, the model that gave it ({@link HeuristicPrior#MODEL} or {@link LogisticModel#MODEL})
 * and its top contributing factors, strongest first.
 */
public record Score(double value, String model, List<Factor> factors) {

    public Score {
        factors = List.copyOf(factors);
    }
}
