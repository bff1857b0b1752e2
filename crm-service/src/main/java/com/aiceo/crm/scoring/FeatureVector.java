package com.aiceo.crm.scoring;

import java.math.BigDecimal;

/**
 * Turns {@link LeadFeatures} into the numbers the logistic model weighs. Changing the list changes
 * {@link #VERSION}; a stored model of another version is retrained before use.
 */
final class FeatureVector {

    static final int VERSION = 1;

    static final String[] NAMES = {
        "priority_high", "priority_low", "source_linkedin", "source_referral", "source_website", "source_event",
        "has_company", "activities", "activity_recency", "meetings", "days_in_pipeline", "value",
    };

    private FeatureVector() {
    }

    static double[] of(LeadFeatures lead) {
        String source = lead.sourceKey();
        return new double[] {
            lead.highPriority() ? 1 : 0,
            lead.lowPriority() ? 1 : 0,
            "linkedin".equals(source) ? 1 : 0,
            "referral".equals(source) ? 1 : 0,
            "website".equals(source) ? 1 : 0,
            "event".equals(source) ? 1 : 0,
            lead.hasCompany() ? 1 : 0,
            Math.log1p(Math.max(0, lead.activityCount())),
            // 1 for an activity today, fading with a two-week time constant; 0 when there was none
            lead.daysSinceLastActivity() == null ? 0 : Math.exp(-Math.max(0, lead.daysSinceLastActivity()) / 14.0),
            Math.log1p(Math.max(0, lead.meetingCount())),
            Math.log1p(Math.max(0, lead.daysInPipeline())),
            Math.log1p(lead.value() == null ? 0 : Math.max(0, lead.value().min(BigDecimal.valueOf(1e12)).doubleValue())),
        };
    }

    /** A sentence for a factor, in the direction it pushed the score. */
    static String reason(int feature, LeadFeatures lead, double impact) {
        boolean up = impact >= 0;
        return switch (NAMES[feature]) {
            case "priority_high" -> lead.highPriority() ? "high priority" : "not high priority";
            case "priority_low" -> lead.lowPriority() ? "low priority" : "not low priority";
            case "source_linkedin", "source_referral", "source_website", "source_event" ->
                    "source " + (lead.sourceKey().isEmpty() ? "unknown" : lead.sourceKey());
            case "has_company" -> lead.hasCompany() ? "company known" : "no company given";
            case "activities" -> lead.activityCount() + " activities logged";
            case "activity_recency" -> lead.daysSinceLastActivity() == null ? "no activity yet"
                    : "last activity " + Math.round(lead.daysSinceLastActivity()) + " days ago";
            case "meetings" -> lead.meetingCount() + " meetings";
            case "days_in_pipeline" -> Math.round(lead.daysInPipeline()) + " days in the pipeline";
            case "value" -> lead.value() == null ? "no deal value" : "deal value " + lead.value().stripTrailingZeros().toPlainString();
            default -> NAMES[feature] + (up ? " raised the score" : " lowered the score");
        };
    }
}
