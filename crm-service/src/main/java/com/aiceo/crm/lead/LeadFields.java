package com.aiceo.crm.lead;

import com.aiceo.crm.web.Body;
import com.aiceo.web.Validation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The fields of a lead a person sets, normalised (text trimmed, blank = absent, email lower-case) and the
 * rules they must keep. {@link #validate} adds every broken rule to one {@link Validation}.
 */
public record LeadFields(String name, String email, String company, String title, String phone, String source,
                         String priority, String status, String notes, BigDecimal value) {

    public static final List<String> PRIORITIES = List.of("low", "medium", "high");
    public static final List<String> STATUSES = List.of("new", "contacted", "qualified", "proposal", "won", "lost");
    public static final List<String> CLOSED = List.of("won", "lost");
    static final int MAX_NAME = 200;
    static final int MAX_COMPANY = 200;
    static final int MAX_TITLE = 200;
    static final int MAX_PHONE = 50;
    static final int MAX_SOURCE = 100;
    static final int MAX_NOTES = 5000;
    static final BigDecimal MAX_VALUE = new BigDecimal("999999999999.99");

    /** The columns a CSV import reads (header names, case-insensitive) — the same as POST's fields. */
    public static final List<String> COLUMNS = List.of("name", "email", "company", "title", "phone", "source",
            "priority", "status", "notes", "value");

    public boolean closed() {
        return CLOSED.contains(status);
    }

    /** A new lead from a JSON body: priority defaults to medium, status to new. */
    static LeadFields fromBody(Body body) {
        return new LeadFields(body.text("name"), Validation.normaliseEmail(body.text("email")), body.text("company"),
                body.text("title"), body.text("phone"), body.text("source"),
                orDefault(body.text("priority"), "medium"), orDefault(body.text("status"), "new"), body.text("notes"),
                body.decimal("value"));
    }

    /** This lead with the fields present in a PATCH body changed (present and null clears an optional field). */
    LeadFields patchedBy(Body body) {
        return new LeadFields(
                body.has("name") ? body.text("name") : name,
                body.has("email") ? Validation.normaliseEmail(body.text("email")) : email,
                body.has("company") ? body.text("company") : company,
                body.has("title") ? body.text("title") : title,
                body.has("phone") ? body.text("phone") : phone,
                body.has("source") ? body.text("source") : source,
                body.has("priority") ? body.text("priority") : priority,
                body.has("status") ? body.text("status") : status,
                body.has("notes") ? body.text("notes") : notes,
                body.has("value") ? body.decimal("value") : value);
    }

    /**
     * A lead from a CSV row ({@code column} answers a cell by lower-case header name, or null): enum values
     * are matched case-insensitively, a number may not use thousands separators, and a leading apostrophe
     * that our export put before {@code = + - @} is taken off again.
     */
    public static LeadFields fromCsv(Function<String, String> column, Validation errors) {
        BigDecimal value = null;
        String rawValue = cell(column, "value");
        if (rawValue != null) {
            try {
                value = new BigDecimal(rawValue);
            } catch (NumberFormatException e) {
                errors.check(false, "value", "must be a number");
            }
        }
        return new LeadFields(cell(column, "name"), Validation.normaliseEmail(cell(column, "email")),
                cell(column, "company"), cell(column, "title"), cell(column, "phone"), cell(column, "source"),
                orDefault(lower(cell(column, "priority")), "medium"), orDefault(lower(cell(column, "status")), "new"),
                cell(column, "notes"), value);
    }

    public LeadFields validate(Validation v) {
        v.text("name", name, MAX_NAME)
                .email("email", email)
                .optionalText("company", company, MAX_COMPANY)
                .optionalText("title", title, MAX_TITLE)
                .optionalText("phone", phone, MAX_PHONE)
                .optionalText("source", source, MAX_SOURCE)
                .oneOf("priority", priority, PRIORITIES)
                .oneOf("status", status, STATUSES)
                .optionalText("notes", notes, MAX_NOTES)
                .nonNegative("value", value);
        if (value != null) {
            v.check(value.compareTo(MAX_VALUE) <= 0, "value", "must be at most " + MAX_VALUE.toPlainString())
                    .check(value.stripTrailingZeros().scale() <= 2, "value", "must have at most 2 decimals");
        }
        return this;
    }

    private static String cell(Function<String, String> column, String name) {
        String v = Validation.clean(column.apply(name));
        if (v != null && v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0) {
            return v.substring(1);
        }
        return v;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String orDefault(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
