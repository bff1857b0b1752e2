package com.aiceo.ai.model;

/**
 * The model's whole answer with its usage: tokens in (prompt) and out (completion) as the provider counted
 * them (estimated locally when it did not say), wall-clock latency of the call including retries.
 */
public record ModelReply(String text, String model, int tokensIn, int tokensOut, long latencyMs, boolean sandbox) {
}
