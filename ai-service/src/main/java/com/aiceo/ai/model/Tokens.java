package com.aiceo.ai.model;

/**
 * A cheap token estimate (about four characters per token for English text, plus the chat format's few
 * tokens per message), used for the history budget and when a provider reports no usage. It deliberately
 * errs high, so a budget computed with it is not exceeded by the real tokenizer on ordinary text.
 */
public final class Tokens {

    /** Tokens the chat format adds per message (role markers). */
    public static final int PER_MESSAGE = 4;

    private Tokens() {
    }

    /** Estimated tokens of a text. */
    public static int estimate(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return (text.length() + 3) / 4;
    }

    /** Estimated tokens of a text as one chat message. */
    public static int ofMessage(String text) {
        return estimate(text) + PER_MESSAGE;
    }
}
