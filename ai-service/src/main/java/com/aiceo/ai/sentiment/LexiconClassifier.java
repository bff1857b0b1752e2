package com.aiceo.ai.sentiment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small local sentiment and emotion classifier: a word lexicon per emotion (each emotion positive or
 * negative), simple negation ("not happy" counts against), intensifiers ignored. Honest about its limits:
 * it catches clear cases, and anything unclear is neutral.
 */
public final class LexiconClassifier {

    private enum Emotion {
        JOY(1, "happy", "glad", "great", "awesome", "amazing", "love", "loved", "excellent", "fantastic", "wonderful",
                "delighted", "pleased", "good", "nice", "perfect", "enjoy", "enjoyed", "fun"),
        GRATITUDE(1, "thanks", "thank", "thankful", "grateful", "appreciate", "appreciated", "cheers"),
        EXCITEMENT(1, "excited", "exciting", "thrilled", "cant wait", "eager", "wow", "incredible", "win", "won"),
        TRUST(1, "confident", "reliable", "trust", "sure", "agree", "deal", "interested", "yes"),
        ANGER(-1, "angry", "furious", "outraged", "hate", "terrible", "awful", "ridiculous", "unacceptable", "worst",
                "scam", "annoyed"),
        FRUSTRATION(-1, "frustrated", "frustrating", "stuck", "broken", "bug", "fail", "failed", "failing", "problem",
                "issue", "slow", "useless", "bad", "wrong", "disappointed", "disappointing", "poor", "late"),
        SADNESS(-1, "sad", "unhappy", "sorry", "lost", "lose", "losing", "miss", "down", "cancel", "cancelled"),
        FEAR(-1, "worried", "worry", "afraid", "scared", "nervous", "anxious", "risk", "risky", "concerned", "urgent");

        final int polarity;
        final List<String> words;

        Emotion(int polarity, String... words) {
            this.polarity = polarity;
            this.words = List.of(words);
        }
    }

    private static final Map<String, Emotion> LEXICON = new HashMap<>();
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "dont", "doesnt", "didnt", "isnt",
            "wasnt", "arent", "cant", "wont", "hardly", "without");

    static {
        for (Emotion e : Emotion.values()) {
            for (String w : e.words) {
                LEXICON.put(w, e);
            }
        }
    }

    private LexiconClassifier() {
    }

    public static Sentiment classify(String text) {
        if (text == null || text.isBlank()) {
            return Sentiment.NEUTRAL;
        }
        String[] words = text.toLowerCase(Locale.ROOT).replace("'", "").replace("’", "").split("[^\\p{L}\\p{N}]+");
        Map<Emotion, Integer> hits = new HashMap<>();
        int score = 0;
        for (int i = 0; i < words.length; i++) {
            Emotion e = LEXICON.get(words[i]);
            if (e == null && i + 1 < words.length) {
                e = LEXICON.get(words[i] + " " + words[i + 1]);
            }
            if (e == null) {
                continue;
            }
            boolean negated = (i > 0 && NEGATIONS.contains(words[i - 1])) || (i > 1 && NEGATIONS.contains(words[i - 2]));
            if (negated) {
                // "not happy" is a (mild) frustration; "not bad" is mildly positive, with no emotion to name
                score -= e.polarity;
                if (e.polarity > 0) {
                    hits.merge(Emotion.FRUSTRATION, 1, Integer::sum);
                }
                continue;
            }
            score += e.polarity;
            hits.merge(e, 1, Integer::sum);
        }
        String sentiment = score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
        int sign = Integer.signum(score);
        String emotion = hits.entrySet().stream()
                .filter(en -> sign != 0 && en.getKey().polarity == sign)
                .max(Map.Entry.<Emotion, Integer>comparingByValue().thenComparing(en -> -en.getKey().ordinal()))
                .map(en -> en.getKey().name().toLowerCase(Locale.ROOT))
                .orElse("neutral");
        return new Sentiment(sentiment, emotion);
    }

    /** The emotions this classifier names (besides neutral). */
    public static List<String> emotions() {
        return java.util.Arrays.stream(Emotion.values()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }
}
