package com.aiceo.ai.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxChatModelTest {

    private final SandboxChatModel sandbox = new SandboxChatModel(new ModelMetrics(new SimpleMeterRegistry()), Duration.ZERO);

    private static ModelRequest request(String message, Map<String, String> hints) {
        return new ModelRequest("chat", "gpt-4o-mini", 0.7, List.of(ModelMessage.system("s"), ModelMessage.user(message)),
                100, hints);
    }

    @Test
    void isDeterministicMarkedAndUsesThePersona() {
        Map<String, String> hints = Map.of("task", "chat", "company", "Acme Bakes", "industry", "Bakery",
                "goal", "Reach 50 customers", "personality", "Warm and friendly");
        ModelReply a = sandbox.complete(request("How do we grow?", hints)).block();
        ModelReply b = sandbox.complete(request("How do we grow?", hints)).block();

        assertThat(a.text()).isEqualTo(b.text()).startsWith("[sandbox]").contains("Acme Bakes", "Bakery",
                "Reach 50 customers", "How do we grow?", "Happy to help.");
        assertThat(a.sandbox()).isTrue();
        assertThat(a.model()).isEqualTo("sandbox");
        assertThat(a.tokensIn()).isPositive();
        assertThat(a.tokensOut()).isPositive();
    }

    @Test
    void writesEmailsWithASubjectAndFollowUpsWithTheLeadsContext() {
        String email = sandbox.complete(request("b", Map.of("task", "email", "brief", "invite Ada to our spring tasting",
                "ctx.name", "Ada", "company", "Acme Bakes"))).block().text();
        assertThat(email).startsWith("Subject: [sandbox] Invite Ada to our spring tasting").contains("Hi Ada,", "Acme Bakes");

        String followup = sandbox.complete(request("b", Map.of("task", "lead_followup", "ctx.name", "Bob",
                "ctx.company", "Bobco", "ctx.lastActivity", "the call on Monday"))).block().text();
        assertThat(followup).startsWith("[sandbox] Hi Bob").contains("the call on Monday", "Bobco");
    }

    @Test
    void streamsTokensThatJoinToTheWholeReply() {
        List<ModelChunk> chunks = sandbox.stream(request("Hello there", Map.of("task", "chat"))).collectList().block();
        ModelReply done = ((ModelChunk.Done) chunks.get(chunks.size() - 1)).reply();
        String joined = chunks.stream().filter(c -> c instanceof ModelChunk.Token)
                .map(c -> ((ModelChunk.Token) c).text()).reduce("", String::concat);
        assertThat(chunks.size()).isGreaterThan(5);
        assertThat(joined).isEqualTo(done.text());
    }
}
