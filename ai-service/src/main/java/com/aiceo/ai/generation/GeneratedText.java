package com.aiceo.ai.generation;

import java.util.Locale;

/** The model's answer split into subject and body (emails) or text (the other kinds). */
record GeneratedText(String text, String subject) {

    static GeneratedText parse(ContentKind kind, String answer, String brief) {
        String text = answer.strip();
        if (kind != ContentKind.EMAIL) {
            return new GeneratedText(text, null);
        }
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        if (first.strip().toLowerCase(Locale.ROOT).startsWith("subject:")) {
            String subject = first.strip().substring("subject:".length()).strip();
            String body = newline < 0 ? "" : text.substring(newline + 1).strip();
            if (!subject.isEmpty() && !body.isEmpty()) {
                return new GeneratedText(body, subject);
            }
        }
        return new GeneratedText(text, fallbackSubject(brief));
    }

    /** The brief's first sentence, shortened: a subject when the model gave none. */
    static String fallbackSubject(String brief) {
        if (brief == null || brief.isBlank()) {
            return "Following up";
        }
        String s = brief.strip().split("(?<=[.!?])\\s|\\n", 2)[0].replaceAll("[.!?]+$", "");
        return s.length() <= 80 ? s : s.substring(0, 79) + "…";
    }
}
