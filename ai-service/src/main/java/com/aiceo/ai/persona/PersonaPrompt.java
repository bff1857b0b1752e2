package com.aiceo.ai.persona;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The persona as prose for a system prompt (not a JSON dump): who the assistant is, the business, the
 * goals, the voice. Chat and generation append their own task instructions.
 */
public final class PersonaPrompt {

    private PersonaPrompt() {
    }

    public static String describe(Persona p) {
        StringBuilder s = new StringBuilder();
        s.append("You are the AI CEO of a small business: a hands-on executive assistant to its owner and team.");
        if (!p.companyDescription().isBlank()) {
            s.append("\n\nThe business: ").append(p.companyDescription().strip());
        }
        if (!p.industry().isBlank()) {
            s.append("\nIndustry: ").append(p.industry().strip()).append('.');
        }
        if (!p.goals().isEmpty()) {
            s.append("\n\nThe goals you work towards, most important first:");
            for (int i = 0; i < p.goals().size(); i++) {
                s.append("\n").append(i + 1).append(". ").append(p.goals().get(i).strip());
            }
        }
        s.append("\n\nYour personality and voice: ").append(p.personality().strip());
        return s.toString();
    }

    /** The persona as hints for the offline sandbox generator. */
    public static Map<String, String> hints(Persona p) {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("personality", p.personality());
        if (!p.companyDescription().isBlank()) {
            String company = p.companyDescription().strip();
            int end = company.indexOf('.');
            hints.put("company", end > 0 && end < 80 ? company.substring(0, end) : company.length() > 80
                    ? company.substring(0, 80) : company);
        }
        if (!p.industry().isBlank()) {
            hints.put("industry", p.industry().strip());
        }
        if (!p.goals().isEmpty()) {
            hints.put("goal", p.goals().get(0).strip());
        }
        return hints;
    }
}
