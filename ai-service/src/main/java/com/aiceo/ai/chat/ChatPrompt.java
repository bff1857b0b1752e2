package com.aiceo.ai.chat;

import com.aiceo.ai.model.ModelMessage;
import com.aiceo.ai.model.Tokens;
import com.aiceo.ai.persona.Persona;
import com.aiceo.ai.persona.PersonaPrompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The chat prompt: the persona as a system prompt, then as much recent history as the token budget allows
 * (newest kept first, contiguous, never starting with a reply whose question was cut off), then the new
 * message — counted once and sent once.
 */
final class ChatPrompt {

    static final String CHAT_INSTRUCTIONS = """
            You are chatting with a member of the team. Answer in plain text, in the language of their message. \
            Be specific and practical; prefer a short answer with a clear recommendation over a long survey. \
            If you lack a fact about the business, say so instead of guessing.""";

    /** A stored message of the history. */
    record Turn(String role, String content) {
    }

    private ChatPrompt() {
    }

    static String systemPrompt(Persona persona) {
        return PersonaPrompt.describe(persona) + "\n\n" + CHAT_INSTRUCTIONS;
    }

    /**
     * @param recentNewestFirst stored history, newest first (the new message is not among it)
     * @param budget            tokens the whole prompt may take (system + history + new message)
     */
    static List<ModelMessage> build(String systemPrompt, List<Turn> recentNewestFirst, String newMessage, int budget) {
        List<Turn> history = history(recentNewestFirst, budget - Tokens.ofMessage(systemPrompt) - Tokens.ofMessage(newMessage));
        List<ModelMessage> messages = new ArrayList<>(history.size() + 2);
        messages.add(ModelMessage.system(systemPrompt));
        for (Turn t : history) {
            messages.add("assistant".equals(t.role()) ? ModelMessage.assistant(t.content()) : ModelMessage.user(t.content()));
        }
        messages.add(ModelMessage.user(newMessage));
        return messages;
    }

    /** The newest turns that fit in {@code budget} tokens, oldest first. */
    static List<Turn> history(List<Turn> recentNewestFirst, int budget) {
        List<Turn> chosen = new ArrayList<>();
        int used = 0;
        for (Turn t : recentNewestFirst) {
            int cost = Tokens.ofMessage(t.content());
            if (used + cost > budget) {
                break;
            }
            used += cost;
            chosen.add(t);
        }
        Collections.reverse(chosen);
        while (!chosen.isEmpty() && "assistant".equals(chosen.get(0).role())) {
            chosen.remove(0);
        }
        return chosen;
    }
}
