package com.aiceo.crm.lead;

import com.aiceo.crm.scoring.Factor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sales lead as the API shows it: its fields, its score (0..1) with the model that gave it and the
 * factors that moved it most, and {@code lastActivityAt} (the latest {@code occurredAt} of its activities).
 */
public record Lead(UUID id, String name, String email, String company, String title, String phone, String source,
                   String priority, String status, String notes, BigDecimal value, double score, String scoreModel,
                   List<Factor> scoreFactors, Instant lastActivityAt, Instant createdAt, Instant updatedAt) {

    public LeadFields fields() {
        return new LeadFields(name, email, company, title, phone, source, priority, status, notes, value);
    }
}
