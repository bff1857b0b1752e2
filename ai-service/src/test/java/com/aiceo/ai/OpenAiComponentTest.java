package com.aiceo.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aiceo.ai.support.AiEvents;
import com.aiceo.ai.support.FakeOpenAi;
import com.aiceo.events.EventEnvelope;
import com.aiceo.events.ai.AiCommand;
import com.aiceo.events.ai.AiEvent;
import com.aiceo.testsupport.ServiceComponentTest;
import com.aiceo.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * ai-service with a key, against a local fake OpenAI server speaking the real wire format (in its own schema
 * {@code ai_fake}, so it shares nothing with the sandbox test's context): usage accounting, the prompt sent,
 * retries, errors as 503/502 problems, a client that leaves mid-stream, and idempotent command handling.
 * What the fake answers depends on a marker in the prompt.
 */
class OpenAiComponentTest extends ServiceComponentTest {

    static final FakeOpenAi FAKE = new FakeOpenAi();
    static final List<String> LONG = IntStream.range(0, 40).mapToObj(i -> "t" + i + " ").toList();

    static {
        FAKE.answer(r -> {
            if (r.contains("[e500]")) {
                return FakeOpenAi.error(500, null);
            }
            if (r.contains("[slow]")) {
                return FakeOpenAi.completion("late", 1, 1).setHeadersDelay(5, TimeUnit.SECONDS);
            }
            if (r.contains("[r429]") && FAKE.count("r429-" + r.body().hashCode()) == 1) {
                return FakeOpenAi.error(429, "1");
            }
            if (r.contains("[break]")) {
                return FakeOpenAi.stream(LONG, 10, 40).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
            }
            if (r.contains("[long]")) {
                return FakeOpenAi.slowStream(LONG, 200, 40);
            }
            if (r.stream()) {
                return FakeOpenAi.stream(List.of("Fake", " streamed", " reply."), 50, 3);
            }
            if (r.contains("Write a business email")) {
                return FakeOpenAi.completion("Subject: Hello Ada\n\nHi Ada,\n\nLet us talk.", 70, 12);
            }
            return FakeOpenAi.completion("Fake reply.", 123, 45);
        });
    }

    @DynamicPropertySource
    static void fakeModel(DynamicPropertyRegistry registry) {
        registry.add("platform.schema", () -> "ai_fake");
        registry.add("ai.model.api-key", () -> "test-key");
        registry.add("ai.model.base-url", FAKE::baseUrl);
        registry.add("ai.model.request-timeout", () -> "500ms");
        registry.add("ai.model.first-token-timeout", () -> "2s");
        registry.add("ai.model.idle-timeout", () -> "2s");
        registry.add("ai.model.max-retries", () -> "1");
        registry.add("ai.model.initial-backoff", () -> "50ms");
        registry.add("ai.model.max-retry-wait", () -> "2s");
        registry.add("ai.model.breaker.minimum-calls", () -> "1000");
        registry.add("ai.model.breaker.window-size", () -> "1000");
        registry.add("ai.sentiment.source", () -> "lexicon");
    }

    private static String token(UUID org) {
        return TestTokens.token(UUID.randomUUID(), org, "admin");
    }

    private WebTestClient.ResponseSpec chat(UUID org, String message) {
        return web.post().uri("/api/chat/message").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message", message)).exchange();
    }

    private long storedMessages(UUID org) {
        return db.sql("SELECT count(*) AS n FROM chat_message WHERE org_id = :org").bind("org", org)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void chatCallsTheModelWithThePersonaAndHistoryAndAccountsItsUsage() {
        UUID org = UUID.randomUUID();
        web.put().uri("/api/ai/config").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("companyDescription", "Acme Bakes sells sourdough.", "model", "gpt-test-mini",
                        "temperature", 0.2))
                .exchange().expectStatus().isOk();

        chat(org, "first question " + org).expectStatus().isOk().expectBody()
                .jsonPath("$.reply").isEqualTo("Fake reply.")
                .jsonPath("$.sandbox").isEqualTo(false)
                .jsonPath("$.tokensIn").isEqualTo(123)
                .jsonPath("$.tokensOut").isEqualTo(45);
        chat(org, "second question " + org).expectStatus().isOk();

        String second = FAKE.bodies().stream().filter(b -> b.contains("second question " + org)).findFirst().orElseThrow();
        assertThat(second).contains("\"model\":\"gpt-test-mini\"", "\"temperature\":0.2", "Acme Bakes sells sourdough.");
        // history (first exchange) once, and the new message exactly once
        assertThat(count(second, "first question " + org)).isEqualTo(1);
        assertThat(count(second, "Fake reply.")).isEqualTo(1);
        assertThat(count(second, "second question " + org)).isEqualTo(1);
        assertThat(second.indexOf("first question")).isLessThan(second.indexOf("second question"));

        Long tokensIn = db.sql("SELECT tokens_in FROM chat_message WHERE org_id = :org AND role = 'assistant' LIMIT 1")
                .bind("org", org).map(r -> r.get("tokens_in", Integer.class).longValue()).one().block();
        assertThat(tokensIn).isEqualTo(123);
        AiEvents.awaitFor(org, events -> {
            assertThat(events).hasSize(2);
            AiEvent.ChatMessageSent sent = (AiEvent.ChatMessageSent) events.get(0).payload();
            assertThat(sent.tokensIn()).isEqualTo(123);
            assertThat(sent.tokensOut()).isEqualTo(45);
            assertThat(sent.model()).isEqualTo("gpt-test-mini");
            assertThat(sent.sandbox()).isFalse();
            assertThat(sent.latencyMs()).isGreaterThanOrEqualTo(0);
        });
    }

    @Test
    void aRateLimitIsRetriedAfterItsRetryAfter() {
        UUID org = UUID.randomUUID();
        chat(org, "[r429] hello " + org).expectStatus().isOk().expectBody().jsonPath("$.reply").isEqualTo("Fake reply.");
        assertThat(FAKE.requestsContaining("[r429] hello " + org)).isEqualTo(2);
    }

    @Test
    void modelErrorsBecome502And503ProblemsFastAndStoreNothing() {
        UUID org = UUID.randomUUID();
        chat(org, "[e500] " + org).expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(502).jsonPath("$.detail").value(d ->
                        assertThat((String) d).doesNotContain(org.toString()));
        assertThat(FAKE.requestsContaining("[e500] " + org)).isEqualTo(2); // one retry

        long start = System.nanoTime();
        chat(org, "[slow] " + org).expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.status").isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        web.post().uri("/api/chat/stream").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .accept(MediaType.TEXT_EVENT_STREAM).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", "[e500] stream " + org)).exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        web.post().uri("/api/ai/generate").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("kind", "social_post", "brief", "[e500]"))
                .exchange().expectStatus().isEqualTo(502);
        assertThat(storedMessages(org)).isZero();
    }

    @Test
    void aStreamStoresTheWholeReplyWhenItEnds() {
        UUID org = UUID.randomUUID();
        List<ServerSentEvent<Map<String, Object>>> events = web.post().uri("/api/chat/stream")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .accept(MediaType.TEXT_EVENT_STREAM).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", "stream please")).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody().collectList().block(Duration.ofSeconds(20));
        assertThat(events).extracting(ServerSentEvent::event).containsExactly("token", "token", "token", "done");
        assertThat(events.get(3).data()).containsEntry("reply", "Fake streamed reply.").containsEntry("tokensIn", 50);
        String stored = db.sql("SELECT content FROM chat_message WHERE org_id = :org AND role = 'assistant'")
                .bind("org", org).map(r -> r.get("content", String.class)).one().block();
        assertThat(stored).isEqualTo("Fake streamed reply.");
    }

    @Test
    void aClientThatLeavesMidStreamStillGetsTheWholeReplyStored() {
        UUID org = UUID.randomUUID();
        List<ServerSentEvent<Map<String, Object>>> firstTokens = web.post().uri("/api/chat/stream")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .accept(MediaType.TEXT_EVENT_STREAM).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", "[long] tell me everything")).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody().take(3).collectList().block(Duration.ofSeconds(20)); // then the client goes away
        assertThat(firstTokens).hasSize(3).allSatisfy(e -> assertThat(e.event()).isEqualTo("token"));
        // the fake was still sending when the client left (40 tokens trickle out over ~2 s)
        assertThat(storedMessages(org)).isZero();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedMessages(org)).isEqualTo(2));
        String stored = db.sql("SELECT content FROM chat_message WHERE org_id = :org AND role = 'assistant'")
                .bind("org", org).map(r -> r.get("content", String.class)).one().block();
        assertThat(stored).isEqualTo(String.join("", LONG));
        AiEvents.awaitFor(org, events -> assertThat(events).hasSize(1));
    }

    @Test
    void aStreamThatBreaksMidwayEndsWithAnErrorEventAndStoresNothing() {
        UUID org = UUID.randomUUID();
        List<ServerSentEvent<Map<String, Object>>> events = web.post().uri("/api/chat/stream")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .accept(MediaType.TEXT_EVENT_STREAM).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("message", "[break] go")).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .getResponseBody().collectList().block(Duration.ofSeconds(20));
        assertThat(events.get(0).event()).isEqualTo("token");
        ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("error");
        assertThat(last.data()).containsKeys("status", "detail");
        assertThat(events).noneMatch(e -> "done".equals(e.event()));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> storedMessages(org) == 0);
    }

    @Test
    void generatesAnEmailWithTheModelsSubject() {
        UUID org = UUID.randomUUID();
        web.post().uri("/api/ai/generate").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(org))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "email", "brief", "invite Ada " + org, "context", Map.of("name", "Ada")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.subject").isEqualTo("Hello Ada")
                .jsonPath("$.text").isEqualTo("Hi Ada,\n\nLet us talk.")
                .jsonPath("$.tokensIn").isEqualTo(70)
                .jsonPath("$.sandbox").isEqualTo(false);
        String body = FAKE.bodies().stream().filter(b -> b.contains("invite Ada " + org)).findFirst().orElseThrow();
        assertThat(body).contains("- name: Ada", "Subject: <subject>");
    }

    @Test
    void aRedeliveredCommandCallsTheModelOnceAndIsAnsweredOnce() {
        UUID org = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        String brief = "post about rye " + requestId;
        EventEnvelope<AiCommand.GenerateContent> command = EventEnvelope.of(org,
                new AiCommand.GenerateContent(requestId, taskId, "social_post", brief, Map.of("topic", "rye")));
        // the same request again under a new event id (the worker re-sent it): answered from the log
        EventEnvelope<AiCommand.GenerateContent> resent = EventEnvelope.of(org,
                new AiCommand.GenerateContent(requestId, taskId, "social_post", brief, Map.of("topic", "rye")));
        UUID markerRequest = UUID.randomUUID();
        EventEnvelope<AiCommand.GenerateContent> marker = EventEnvelope.of(org,
                new AiCommand.GenerateContent(markerRequest, null, "poem", "x", Map.of()));

        AiEvents.send(command, command, resent, marker);

        AiEvents.awaitFor(org, events -> {
            assertThat(events).hasSize(3);
            AiEvent.ContentGenerated first = (AiEvent.ContentGenerated) events.get(0).payload();
            assertThat(first.requestId()).isEqualTo(requestId);
            assertThat(first.taskId()).isEqualTo(taskId);
            assertThat(first.text()).isEqualTo("Fake reply.");
            assertThat(first.tokensIn()).isEqualTo(123);
            assertThat(first.sandbox()).isFalse();
            assertThat(events.get(0).traceparent()).isEqualTo(command.traceparent());
            assertThat(events.get(1).payload()).isEqualTo(first); // the re-sent request: same answer
            AiEvent.GenerationFailed failed = (AiEvent.GenerationFailed) events.get(2).payload();
            assertThat(failed.requestId()).isEqualTo(markerRequest);
            assertThat(failed.reason()).contains("kind");
        });
        assertThat(FAKE.requestsContaining(brief)).isEqualTo(1);
        List<Long> rows = new ArrayList<>(db.sql("SELECT count(*) AS n FROM generation WHERE org_id = :org AND request_id = :r")
                .bind("org", org).bind("r", requestId).map(r -> r.get("n", Long.class)).all().collectList().block());
        assertThat(rows).containsExactly(1L);
    }

    @Test
    void aCommandTheModelCannotAnswerIsAnsweredWithGenerationFailed() {
        UUID org = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        AiEvents.send(EventEnvelope.of(org, new AiCommand.GenerateContent(requestId, null, "email", "[e500] " + requestId,
                Map.of())));
        AiEvents.awaitFor(org, events -> {
            assertThat(events).hasSize(1);
            AiEvent.GenerationFailed failed = (AiEvent.GenerationFailed) events.get(0).payload();
            assertThat(failed.requestId()).isEqualTo(requestId);
            assertThat(failed.kind()).isEqualTo("email");
            assertThat(failed.reason()).contains("500").doesNotContain(requestId.toString());
        });
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

}
