package com.aiceo.crm.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The score an organization gets until it has enough won/lost outcomes to learn from (the seed's rule):
 * base 0.5, +0.2 for high priority, +0.1 when a company is given, +0.15 for more than 3 activities,
 * +0.05 for a LinkedIn source; capped at 1.
 */
public final class HeuristicPrior {

    public static final String MODEL = "prior";

    private HeuristicPrior() {
    }

    public static Score score(LeadFeatures lead) {
        double score = 0.5;
        List<Factor> factors = new ArrayList<>();
        if (lead.highPriority()) {
            score += 0.2;
            factors.add(new Factor("priority", "high priority", 0.2));
        }
        if (lead.activityCount() > 3) {
            score += 0.15;
            factors.add(new Factor("activities", lead.activityCount() + " activities logged", 0.15));
        }
        if (lead.hasCompany()) {
            score += 0.1;
            factors.add(new Factor("company", "company known", 0.1));
        }
        if ("linkedin".equals(lead.sourceKey())) {
            score += 0.05;
            factors.add(new Factor("source", "came from LinkedIn", 0.05));
        }
        if (factors.isEmpty()) {
            factors.add(new Factor("base", "no signals yet: base score", 0.5));
        }
        return new Score(Math.min(1.0, score), MODEL, factors);
    }
}
