package com.aiceo.ai.persona;

import java.time.Instant;
import java.util.List;

/**
 * The AI CEO of one organization: how it speaks (personality), what it works towards (goals), the business
 * it runs (industry, company description) and the model it uses. {@code updatedAt} is null while the
 * organization still has the defaults.
 */
public record Persona(String personality, List<String> goals, String industry, String companyDescription,
                      String model, double temperature, Instant updatedAt) {

    public Persona {
        goals = goals == null ? List.of() : List.copyOf(goals);
        industry = industry == null ? "" : industry;
        companyDescription = companyDescription == null ? "" : companyDescription;
    }
}
