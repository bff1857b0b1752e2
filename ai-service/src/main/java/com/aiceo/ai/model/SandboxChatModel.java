package com.aiceo.ai.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The offline model: a deterministic local generator (same input → same text) that uses the persona and
 * the context from the request's hints, so the product works without credentials. Every text it writes
 * starts with {@value #MARK} and every reply says {@code sandbox: true}.
 */
final class SandboxChatModel implements ChatModel {

    static final String MARK = "[sandbox]";
    static final String MODEL = "sandbox";

    private static final List<String> ADVICE = List.of(
            "pick the one customer segment that pays fastest and talk to five of them this week",
            "write down the three numbers that tell you whether this works, and review them every Monday",
            "follow up with every lead that has been quiet for a week; a short personal note beats a campaign",
            "publish one useful post a week about a problem your customers actually have",
            "cut the task that costs the most time for the least revenue, and put that time into sales",
            "ask your best customer what almost stopped them from buying, then fix that first");

    private final ModelMetrics metrics;
    private final Duration tokenDelay;

    SandboxChatModel(ModelMetrics metrics, Duration tokenDelay) {
        this.metrics = metrics;
        this.tokenDelay = tokenDelay;
    }

    @Override
    public boolean sandbox() {
        return true;
    }

    @Override
    public Mono<ModelReply> complete(ModelRequest request) {
        return Mono.fromCallable(() -> {
            long start = System.nanoTime();
            String text = write(request);
            ModelReply reply = reply(request, text, start);
            metrics.success(request.operation(), MODEL, reply);
            return reply;
        });
    }

    @Override
    public Flux<ModelChunk> stream(ModelRequest request) {
        return Flux.defer(() -> {
            long start = System.nanoTime();
            String text = write(request);
            Flux<ModelChunk> tokens = Flux.fromIterable(split(text)).map(ModelChunk.Token::new);
            if (!tokenDelay.isZero()) {
                tokens = tokens.delayElements(tokenDelay);
            }
            return tokens.concatWith(Mono.fromCallable(() -> {
                ModelReply reply = reply(request, text, start);
                metrics.success(request.operation(), MODEL, reply);
                return new ModelChunk.Done(reply);
            }));
        });
    }

    private static ModelReply reply(ModelRequest request, String text, long start) {
        int in = request.messages().stream().mapToInt(m -> Tokens.ofMessage(m.content())).sum();
        return new ModelReply(text, MODEL, in, Tokens.estimate(text), Duration.ofNanos(System.nanoTime() - start).toMillis(),
                true);
    }

    /** Words with their following space, so the joined tokens are exactly the text. */
    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\n') {
                tokens.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            tokens.add(text.substring(from));
        }
        return tokens;
    }

    static String write(ModelRequest request) {
        Map<String, String> h = request.hints();
        String task = h.getOrDefault("task", "chat");
        String company = nonBlank(h.get("company"), "your company");
        String industry = h.get("industry");
        String goal = h.get("goal");
        int seed = Math.floorMod((task + "|" + request.lastUserMessage() + "|" + h).hashCode(), ADVICE.size());
        String advice = ADVICE.get(seed);
        return switch (task) {
            case "social_post" -> MARK + " " + capitalise(excerpt(h.getOrDefault("brief", request.lastUserMessage()), 200))
                    + "\n\nAt " + company + " we keep it simple: " + advice + "."
                    + (goal != null ? " Our focus right now: " + goal + "." : "")
                    + "\n\n" + hashtags(industry);
            case "email" -> "Subject: " + MARK + " " + capitalise(excerpt(h.getOrDefault("brief", "A quick note"), 60))
                    + "\n\nHi " + nonBlank(h.get("ctx.name"), "there") + ",\n\n"
                    + capitalise(excerpt(h.getOrDefault("brief", ""), 400)) + ".\n\n"
                    + "If it helps, I suggest we " + advice + ". Would a short call next week work for you?\n\n"
                    + "Best regards,\n" + company;
            case "lead_followup" -> MARK + " Hi " + nonBlank(h.get("ctx.name"), "there") + ", following up on "
                    + nonBlank(h.get("ctx.lastActivity"), "our last conversation")
                    + (h.get("ctx.company") != null ? " about " + h.get("ctx.company") + "'s plans" : "") + ". "
                    + (h.get("brief") != null ? capitalise(excerpt(h.get("brief"), 300)) + ". " : "")
                    + "Is there a good time this week to continue? — " + company;
            default -> MARK + " " + opening(h.get("personality")) + " You asked: \""
                    + excerpt(request.lastUserMessage(), 120) + "\". As the AI CEO of " + company
                    + (industry != null ? " (" + industry + ")" : "") + ", my advice: " + advice + "."
                    + (goal != null ? " That serves our goal: " + goal + "." : "")
                    + " (Sandbox reply: set OPENAI_API_KEY for real answers.)";
        };
    }

    private static String opening(String personality) {
        String p = personality == null ? "" : personality.toLowerCase(Locale.ROOT);
        if (p.contains("formal")) {
            return "Good day.";
        }
        if (p.contains("direct") || p.contains("concise") || p.contains("blunt")) {
            return "Straight to it.";
        }
        if (p.contains("warm") || p.contains("friendly") || p.contains("encouraging")) {
            return "Happy to help.";
        }
        return "Here is my view.";
    }

    private static String hashtags(String industry) {
        String tag = industry == null ? "smallbusiness"
                : industry.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return "#" + (tag.isEmpty() ? "smallbusiness" : tag) + " #growth";
    }

    private static String excerpt(String text, int max) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.endsWith(".")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String nonBlank(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
