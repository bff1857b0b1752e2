package com.aiceo.crm.scoring;

/**
 * The one entry for scoring: the organization's learned model when it has one, else the heuristic prior.
 */
public final class LeadScorer {

    private LeadScorer() {
    }

    /** @param model the organization's model, or {@code null} while it has too few outcomes */
    public static Score score(LeadFeatures lead, LogisticModel model) {
        return model == null ? HeuristicPrior.score(lead) : model.score(lead);
    }
}
