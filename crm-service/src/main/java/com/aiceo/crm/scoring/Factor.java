package com.aiceo.crm.scoring;

/**
 * One reason behind a score: which feature, a sentence a person can read, and how much it moved the score
 * (for the prior: the points it added; for the learned model: its signed contribution to the log-odds).
 */
public record Factor(String feature, String reason, double impact) {
}
