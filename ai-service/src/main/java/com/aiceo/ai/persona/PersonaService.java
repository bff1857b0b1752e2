package com.aiceo.ai.persona;

import com.aiceo.ai.model.ModelProperties;
import com.aiceo.web.Validation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The persona per organization. An organization that never saved one gets the defaults (a pragmatic,
 * concise CEO on the configured default model at temperature 0.7); PUT replaces it as a whole, a missing
 * field taking its default.
 */
@Service
public class PersonaService {

    public static final String DEFAULT_PERSONALITY = "Pragmatic, warm and concise. You give clear recommendations "
            + "with the reasoning behind them, ask a question when something important is unclear, and never "
            + "invent facts about the business.";
    public static final double DEFAULT_TEMPERATURE = 0.7;

    static final int MAX_PERSONALITY = 2000;
    static final int MAX_GOALS = 10;
    static final int MAX_GOAL = 300;
    static final int MAX_INDUSTRY = 100;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_MODEL = 100;
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._:/@+-]+");

    /** The body of PUT /api/ai/config; null fields take their defaults. */
    public record PersonaInput(String personality, List<String> goals, String industry, String companyDescription,
                               String model, Double temperature) {
    }

    private final DatabaseClient db;
    private final String defaultModel;

    PersonaService(DatabaseClient db, ModelProperties model) {
        this.db = db;
        this.defaultModel = model.defaultModel();
    }

    public Persona defaults() {
        return new Persona(DEFAULT_PERSONALITY, List.of(), "", "", defaultModel, DEFAULT_TEMPERATURE, null);
    }

    /** The organization's persona, or the defaults. */
    public Mono<Persona> get(UUID orgId) {
        return db.sql("""
                        SELECT personality, goals, industry, company_description, model, temperature, updated_at
                        FROM ai_config WHERE org_id = :org""")
                .bind("org", orgId)
                .map(row -> new Persona(row.get("personality", String.class),
                        Arrays.asList(row.get("goals", String[].class)), row.get("industry", String.class),
                        row.get("company_description", String.class), row.get("model", String.class),
                        row.get("temperature", Double.class),
                        row.get("updated_at", OffsetDateTime.class).toInstant()))
                .one()
                .defaultIfEmpty(defaults());
    }

    /** Validates and stores the organization's persona (400 with field errors when invalid). */
    public Mono<Persona> put(UUID orgId, UUID userId, PersonaInput in) {
        Persona p = validate(in);
        return db.sql("""
                        INSERT INTO ai_config (org_id, personality, goals, industry, company_description, model,
                                               temperature, updated_by, updated_at)
                        VALUES (:org, :personality, :goals, :industry, :description, :model, :temperature, :user, now())
                        ON CONFLICT (org_id) DO UPDATE SET personality = EXCLUDED.personality, goals = EXCLUDED.goals,
                            industry = EXCLUDED.industry, company_description = EXCLUDED.company_description,
                            model = EXCLUDED.model, temperature = EXCLUDED.temperature,
                            updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .bind("org", orgId)
                .bind("personality", p.personality())
                .bind("goals", p.goals().toArray(String[]::new))
                .bind("industry", p.industry())
                .bind("description", p.companyDescription())
                .bind("model", p.model())
                .bind("temperature", p.temperature())
                .bind("user", userId)
                .fetch().rowsUpdated()
                .then(get(orgId));
    }

    Persona validate(PersonaInput in) {
        if (in == null) {
            in = new PersonaInput(null, null, null, null, null, null);
        }
        Validation v = new Validation();
        v.optionalText("personality", in.personality(), MAX_PERSONALITY)
                .optionalText("industry", in.industry(), MAX_INDUSTRY)
                .optionalText("companyDescription", in.companyDescription(), MAX_DESCRIPTION)
                .optionalText("model", in.model(), MAX_MODEL)
                .check(in.model() == null || in.model().isBlank() || MODEL_NAME.matcher(in.model().trim()).matches(),
                        "model", "may contain only letters, digits and . _ : / @ + -")
                .range("temperature", in.temperature(), 0, 2);
        List<String> goals = new ArrayList<>();
        if (in.goals() != null) {
            v.check(in.goals().size() <= MAX_GOALS, "goals", "at most " + MAX_GOALS + " goals");
            for (int i = 0; i < in.goals().size(); i++) {
                String goal = Validation.clean(in.goals().get(i));
                if (goal == null) {
                    v.check(false, "goals[" + i + "]", "must not be empty");
                } else {
                    v.optionalText("goals[" + i + "]", goal, MAX_GOAL);
                    goals.add(goal);
                }
            }
        }
        v.throwIfAny();
        String personality = Validation.clean(in.personality());
        String model = Validation.clean(in.model());
        return new Persona(personality == null ? DEFAULT_PERSONALITY : personality, goals,
                orEmpty(in.industry()), orEmpty(in.companyDescription()),
                model == null ? defaultModel : model,
                in.temperature() == null ? DEFAULT_TEMPERATURE : in.temperature(), Instant.now());
    }

    private static String orEmpty(String s) {
        String c = Validation.clean(s);
        return c == null ? "" : c;
    }
}
