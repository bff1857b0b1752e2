package com.aiceo.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.ai.support.AiEvents;
import com.aiceo.events.ai.AiEvent;
import com.aiceo.testsupport.ServiceComponentTest;
import com.aiceo.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * ai-service on real PostgreSQL and Kafka, in sandbox mode (no OPENAI_API_KEY): the platform contract of
 * {@link ServiceComponentTest}, persona, chat (plain and streamed), history, generation, validation and
 * isolation between organizations. The command listener is off here (OpenAiComponentTest owns ai.commands).
 */
// sandbox even where OPENAI_API_KEY happens to be set
@TestPropertySource(properties = {"ai.commands.enabled=false", "ai.model.api-key="})
class AiServiceComponentTest extends ServiceComponentTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() { };

    /** A user of an organization. */
    record User(UUID userId, UUID orgId, String token) {
        static User of(UUID orgId, String role) {
            UUID userId = UUID.randomUUID();
            return new User(userId, orgId, TestTokens.token(userId, orgId, role));
        }
    }

    private WebTestClient.RequestHeadersSpec<?> post(User u, String path, Object body) {
        return web.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + u.token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private WebTestClient.RequestHeadersSpec<?> get(User u, String path) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + u.token());
    }

    private void putPersona(User admin, Map<String, Object> persona) {
        web.put().uri("/api/ai/config").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(persona).exchange().expectStatus().isOk();
    }

    @Test
    void aNewOrganizationHasDefaultsAnAdminChangesThemAndOnlyItsMembersSeeThem() {
        UUID org = UUID.randomUUID();
        User admin = User.of(org, "admin");
        User member = User.of(org, "member");
        User stranger = User.of(UUID.randomUUID(), "owner");

        get(member, "/api/ai/config").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.temperature").isEqualTo(0.7)
                .jsonPath("$.model").isEqualTo("gpt-4o-mini")
                .jsonPath("$.goals.length()").isEqualTo(0)
                .jsonPath("$.personality").value(p -> assertThat((String) p).isNotBlank());

        web.put().uri("/api/ai/config").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("personality", "Formal and precise.", "goals", List.of("Win 10 cafés", "Launch rye"),
                        "industry", "Bakery", "companyDescription", "Acme Bakes. Sourdough for cafés.",
                        "model", "gpt-4.1-mini", "temperature", 1.2))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.temperature").isEqualTo(1.2)
                .jsonPath("$.goals[1]").isEqualTo("Launch rye")
                .jsonPath("$.updatedAt").isNotEmpty();

        get(member, "/api/ai/config").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.personality").isEqualTo("Formal and precise.")
                .jsonPath("$.industry").isEqualTo("Bakery")
                .jsonPath("$.companyDescription").isEqualTo("Acme Bakes. Sourdough for cafés.")
                .jsonPath("$.model").isEqualTo("gpt-4.1-mini");
        // another organization still has the defaults: org A's persona is invisible to it
        get(stranger, "/api/ai/config").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.industry").isEqualTo("")
                .jsonPath("$.temperature").isEqualTo(0.7);
    }

    @Test
    void aMemberMayNotChangeThePersona() {
        User member = User.of(UUID.randomUUID(), "member");
        web.put().uri("/api/ai/config").header(HttpHeaders.AUTHORIZATION, "Bearer " + member.token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("personality", "x"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        get(member, "/api/ai/config").exchange().expectBody().jsonPath("$.personality").value(p -> assertThat(p).isNotEqualTo("x"));
    }

    @Test
    void personaBoundsAreValidatedPerField() {
        User admin = User.of(UUID.randomUUID(), "owner");
        web.put().uri("/api/ai/config").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("temperature", 2.5, "goals", List.of("", "ok"), "model", "bad model!",
                        "industry", "i".repeat(101)))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.temperature").isEqualTo("must be between 0 and 2")
                .jsonPath("$.errors['goals[0]']").isEqualTo("must not be empty")
                .jsonPath("$.errors.model").isNotEmpty()
                .jsonPath("$.errors.industry").isNotEmpty();
        web.put().uri("/api/ai/config").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("temperature", -0.1))
                .exchange().expectStatus().isBadRequest();
        // the bounds themselves are allowed
        putPersona(admin, Map.of("temperature", 0));
        putPersona(admin, Map.of("temperature", 2));
    }

    @Test
    void chatInSandboxStoresBothMessagesWithSentimentAndPublishesTheEvent() {
        UUID org = UUID.randomUUID();
        User admin = User.of(org, "admin");
        putPersona(admin, Map.of("companyDescription", "Acme Bakes. Sourdough for cafés.", "industry", "Bakery",
                "goals", List.of("Win 10 cafés")));

        Map<String, Object> answer = post(admin, "/api/chat/message", Map.of("message", "Thanks, that was great! What next?"))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();

        assertThat((String) answer.get("reply")).startsWith("[sandbox]").contains("Acme Bakes", "Bakery", "Win 10 cafés");
        assertThat(answer).containsEntry("sentiment", "positive").containsEntry("sandbox", true)
                .containsKeys("userMessageId", "replyMessageId", "emotion");

        get(admin, "/api/chat/messages").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(50)
                .jsonPath("$.items[0].id").isEqualTo(answer.get("userMessageId"))
                .jsonPath("$.items[0].role").isEqualTo("user")
                .jsonPath("$.items[0].content").isEqualTo("Thanks, that was great! What next?")
                .jsonPath("$.items[0].sentiment").isEqualTo("positive")
                .jsonPath("$.items[1].id").isEqualTo(answer.get("replyMessageId"))
                .jsonPath("$.items[1].role").isEqualTo("assistant")
                .jsonPath("$.items[1].content").isEqualTo(answer.get("reply"))
                .jsonPath("$.items[1].sandbox").isEqualTo(true);

        // another organization sees none of it
        get(User.of(UUID.randomUUID(), "owner"), "/api/chat/messages").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(0)
                .jsonPath("$.items.length()").isEqualTo(0);

        AiEvents.awaitFor(org, events -> {
            assertThat(events).hasSize(1);
            AiEvent.ChatMessageSent sent = (AiEvent.ChatMessageSent) events.get(0).payload();
            assertThat(sent.userMessageId().toString()).isEqualTo(answer.get("userMessageId"));
            assertThat(sent.replyMessageId().toString()).isEqualTo(answer.get("replyMessageId"));
            assertThat(sent.sentiment()).isEqualTo("positive");
            assertThat(sent.sandbox()).isTrue();
            assertThat(sent.tokensIn()).isPositive();
            assertThat(sent.tokensOut()).isPositive();
        });
    }

    @Test
    void historyPagesNewestLast() {
        User u = User.of(UUID.randomUUID(), "member");
        for (String m : List.of("first", "second", "third")) {
            post(u, "/api/chat/message", Map.of("message", m)).exchange().expectStatus().isOk();
        }
        // page 0 holds the newest messages, oldest of them first
        get(u, "/api/chat/messages?size=2").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(6)
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].content").isEqualTo("third")
                .jsonPath("$.items[1].role").isEqualTo("assistant");
        get(u, "/api/chat/messages?size=2&page=2").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].content").isEqualTo("first");
        get(u, "/api/chat/messages?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.size").isEqualTo(200);
        get(u, "/api/chat/messages?page=-1").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.page").isNotEmpty();
    }

    @Test
    void streamingSendsTokensThenADoneEventAndStoresTheReply() {
        User u = User.of(UUID.randomUUID(), "member");
        List<ServerSentEvent<Map<String, Object>>> events = web.post().uri("/api/chat/stream")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + u.token())
                .accept(MediaType.TEXT_EVENT_STREAM).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", "How do we grow?"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(SSE).getResponseBody().collectList().block(Duration.ofSeconds(20));

        assertThat(events).hasSizeGreaterThan(3);
        List<ServerSentEvent<Map<String, Object>>> tokens = events.subList(0, events.size() - 1);
        assertThat(tokens).allSatisfy(e -> assertThat(e.event()).isEqualTo("token"));
        String streamed = tokens.stream().map(e -> (String) e.data().get("text")).reduce("", String::concat);
        ServerSentEvent<Map<String, Object>> done = events.get(events.size() - 1);
        assertThat(done.event()).isEqualTo("done");
        assertThat(done.data()).containsKeys("userMessageId", "replyMessageId", "sentiment").containsEntry("reply", streamed);
        assertThat(streamed).startsWith("[sandbox]").contains("How do we grow?");

        get(u, "/api/chat/messages").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[1].id").isEqualTo(done.data().get("replyMessageId"))
                .jsonPath("$.items[1].content").isEqualTo(streamed);
    }

    @Test
    void generatesEmailsWithSubjectPostsAndFollowUpsAndPublishesThem() {
        UUID org = UUID.randomUUID();
        User u = User.of(org, "member");
        putPersona(User.of(org, "admin"), Map.of("companyDescription", "Acme Bakes. Sourdough for cafés."));

        post(u, "/api/ai/generate", Map.of("kind", "email", "brief", "invite Ada to our spring tasting",
                "context", Map.of("name", "Ada")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.subject").isEqualTo("[sandbox] Invite Ada to our spring tasting")
                .jsonPath("$.text").value(t -> assertThat((String) t).startsWith("Hi Ada,").contains("Acme Bakes")
                        .doesNotContain("Subject:"))
                .jsonPath("$.sandbox").isEqualTo(true)
                .jsonPath("$.kind").isEqualTo("email");
        post(u, "/api/ai/generate", Map.of("kind", "social_post", "brief", "our new rye loaf"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.text").value(t -> assertThat((String) t).startsWith("[sandbox] Our new rye loaf"))
                .jsonPath("$.subject").doesNotExist();
        post(u, "/api/ai/generate", Map.of("kind", "lead_followup", "brief", "",
                "context", Map.of("name", "Bob", "company", "Bobco", "lastActivity", "the tasting on Monday")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.text").value(t -> assertThat((String) t).contains("Hi Bob", "the tasting on Monday", "Bobco"));

        AiEvents.awaitFor(org, events -> assertThat(events).extracting(e -> ((AiEvent.ContentGenerated) e.payload()).kind())
                .containsExactly("email", "social_post", "lead_followup"));
    }

    @Test
    void emptyOversizedAndUnknownInputsAreRefusedAsProblems() {
        User u = User.of(UUID.randomUUID(), "member");
        post(u, "/api/chat/message", Map.of("message", "  ")).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.message").isEqualTo("is required");
        post(u, "/api/chat/message", Map.of()).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.message").isEqualTo("is required");
        post(u, "/api/chat/message", Map.of("message", "m".repeat(4001))).exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
        post(u, "/api/chat/stream", Map.of("message", "")).exchange().expectStatus().isBadRequest();
        post(u, "/api/chat/stream", Map.of("message", "m".repeat(4001))).exchange().expectStatus().isEqualTo(413);
        post(u, "/api/ai/generate", Map.of("kind", "poem", "brief", "x")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.kind").isEqualTo("must be one of social_post, email, lead_followup");
        post(u, "/api/ai/generate", Map.of("kind", "email")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.brief").isEqualTo("is required");
        post(u, "/api/ai/generate", Map.of("kind", "email", "brief", "b".repeat(4001))).exchange()
                .expectStatus().isEqualTo(413);
        // a body beyond the codec limit (64 KB) is 413 too, not a 500
        post(u, "/api/chat/message", Map.of("message", "m".repeat(70_000))).exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.trace").doesNotExist();
        post(u, "/api/chat/message", "{not json").exchange().expectStatus().isBadRequest();
        // nothing was stored by any of it
        get(u, "/api/chat/messages").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void sentimentOfAnyText() {
        User u = User.of(UUID.randomUUID(), "member");
        post(u, "/api/ai/sentiment", Map.of("text", "I'm really frustrated, the delivery is late again"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.sentiment").isEqualTo("negative")
                .jsonPath("$.emotion").isEqualTo("frustration");
        post(u, "/api/ai/sentiment", Map.of("text", "")).exchange().expectStatus().isBadRequest();
    }

    @Test
    void modelMetricsAreExposedWithoutPersonalData() {
        User u = User.of(UUID.randomUUID(), "member");
        post(u, "/api/chat/message", Map.of("message", "secret-marker-42 please")).exchange().expectStatus().isOk();
        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("ai_model_latency_seconds", "ai_model_tokens_total", "provider=\"sandbox\"")
                .doesNotContain("secret-marker-42").doesNotContain(u.orgId().toString());
    }
}
