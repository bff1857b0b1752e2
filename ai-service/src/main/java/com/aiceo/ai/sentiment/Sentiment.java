package com.aiceo.ai.sentiment;

/** sentiment: positive | neutral | negative; emotion: the dominant one (joy, gratitude, … or neutral). */
public record Sentiment(String sentiment, String emotion) {

    public static final Sentiment NEUTRAL = new Sentiment("neutral", "neutral");
}
