package com.aiceo.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.ai.model.ModelMessage;
import com.aiceo.ai.model.Tokens;
import com.aiceo.ai.persona.Persona;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat prompt: persona as prose, history chosen by a token budget, the new message once. */
class ChatPromptTest {

    private static List<ChatPrompt.Turn> newestFirst(int pairs, int charsEach) {
        List<ChatPrompt.Turn> oldestFirst = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            oldestFirst.add(new ChatPrompt.Turn("user", "q" + i + " " + "x".repeat(charsEach)));
            oldestFirst.add(new ChatPrompt.Turn("assistant", "a" + i + " " + "y".repeat(charsEach)));
        }
        List<ChatPrompt.Turn> result = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(result);
        return result;
    }

    @Test
    void theNewMessageIsSentOnceAndLast() {
        List<ModelMessage> messages = ChatPrompt.build("system", newestFirst(3, 10), "What next?", 10_000);

        assertThat(messages.get(0)).isEqualTo(ModelMessage.system("system"));
        assertThat(messages.get(messages.size() - 1)).isEqualTo(ModelMessage.user("What next?"));
        assertThat(messages.stream().filter(m -> m.content().equals("What next?"))).hasSize(1);
        // all of the history fits, oldest first, alternating as stored
        assertThat(messages).hasSize(1 + 6 + 1);
        assertThat(messages.get(1).content()).startsWith("q0");
        assertThat(messages.get(6).content()).startsWith("a2");
    }

    @Test
    void theBudgetKeepsTheNewestHistoryAndCountsTheNewMessageOnce() {
        List<ChatPrompt.Turn> history = newestFirst(10, 396); // each turn ≈ 100 tokens + 4 per message
        String system = "s".repeat(400);                      // 104
        String message = "m".repeat(400);                     // 104
        int perTurn = Tokens.ofMessage(history.get(0).content());
        // room for exactly four turns after the system prompt and the new message
        int budget = Tokens.ofMessage(system) + Tokens.ofMessage(message) + 4 * perTurn;

        List<ModelMessage> messages = ChatPrompt.build(system, history, message, budget);

        assertThat(messages).hasSize(1 + 4 + 1);
        assertThat(messages.subList(1, 5)).extracting(m -> m.content().substring(0, 2)).containsExactly("q8", "a8", "q9", "a9");
        int total = messages.stream().mapToInt(m -> Tokens.ofMessage(m.content())).sum();
        assertThat(total).isLessThanOrEqualTo(budget);

        // one token less: the oldest of the four goes, and so does the reply it leaves without its question
        List<ModelMessage> tighter = ChatPrompt.build(system, history, message, budget - 1);
        assertThat(tighter.subList(1, tighter.size() - 1)).extracting(m -> m.content().substring(0, 2)).containsExactly("q9", "a9");
    }

    @Test
    void noHistoryWhenTheNewMessageTakesTheWholeBudget() {
        String message = "m".repeat(4000);
        List<ModelMessage> messages = ChatPrompt.build("system", newestFirst(2, 10), message, Tokens.ofMessage(message));
        assertThat(messages).containsExactly(ModelMessage.system("system"), ModelMessage.user(message));
    }

    @Test
    void historyNeverStartsWithAReplyWhoseQuestionWasCutOff() {
        List<ChatPrompt.Turn> history = List.of(new ChatPrompt.Turn("assistant", "a1"), new ChatPrompt.Turn("user", "q1"),
                new ChatPrompt.Turn("assistant", "a0 " + "z".repeat(1000)));
        assertThat(ChatPrompt.history(history, Tokens.ofMessage("a1") + Tokens.ofMessage("q1")))
                .extracting(ChatPrompt.Turn::content).containsExactly("q1", "a1");
        assertThat(ChatPrompt.history(history, Tokens.ofMessage("a1"))).isEmpty();
    }

    @Test
    void theSystemPromptIsProseFromThePersonaNotJson() {
        Persona persona = new Persona("Direct and numbers-driven.", List.of("Reach 50 customers", "Hire a salesperson"),
                "Bakery", "Acme Bakes sells sourdough to cafés in Leeds.", "gpt-4o-mini", 0.5, null);
        String system = ChatPrompt.systemPrompt(persona);

        assertThat(system).contains("AI CEO", "Acme Bakes sells sourdough to cafés in Leeds.", "Industry: Bakery.",
                "1. Reach 50 customers", "2. Hire a salesperson", "Direct and numbers-driven.");
        assertThat(system).doesNotContain("{", "\"personality\"", "temperature");
    }
}
