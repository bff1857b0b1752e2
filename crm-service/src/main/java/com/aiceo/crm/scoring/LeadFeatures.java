package com.aiceo.crm.scoring;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What the lead score looks at — no names, emails or free text. Built by crm-service from a lead row and
 * counts of its activities and meetings.
 *
 * @param priority                low | medium | high
 * @param source                  free text as entered (linkedin, referral, website, event, …); matched case-insensitively
 * @param hasCompany              a company name is present
 * @param activityCount           activities logged on the lead
 * @param daysSinceLastActivity   days since the latest activity; {@code null} when there is none
 * @param meetingCount            meetings with the lead
 * @param daysInPipeline          days since the lead was created
 * @param value                   expected deal value (≥ 0), {@code null} when unknown
 */
public record LeadFeatures(String priority, String source, boolean hasCompany, int activityCount,
                           Double daysSinceLastActivity, int meetingCount, double daysInPipeline, BigDecimal value) {

    boolean highPriority() {
        return "high".equals(priority);
    }

    boolean lowPriority() {
        return "low".equals(priority);
    }

    String sourceKey() {
        return source == null ? "" : source.trim().toLowerCase(Locale.ROOT);
    }
}
