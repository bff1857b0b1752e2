package com.aiceo.ai.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aiceo.ai.support.FakeOpenAi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The OpenAI client against a local fake speaking the real wire format: usage, streaming, retries, timeouts, breaker. */
class OpenAiChatModelTest {

    private final FakeOpenAi fake = new FakeOpenAi();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private OpenAiChatModel model;

    @AfterEach
    void stop() throws Exception {
        if (model != null) {
            model.close();
        }
        fake.close();
    }

    private OpenAiChatModel model(int maxRetries, Duration requestTimeout, int breakerMinimumCalls) {
        ModelProperties props = new ModelProperties("test-key", fake.baseUrl(), "gpt-test", 256,
                Duration.ofSeconds(2), requestTimeout, requestTimeout, requestTimeout, Duration.ofSeconds(10),
                maxRetries, Duration.ofMillis(50), Duration.ofSeconds(2),
                new ModelProperties.Breaker(50, breakerMinimumCalls, breakerMinimumCalls, Duration.ofSeconds(30)));
        model = ModelConfiguration.openAi(props, new ModelMetrics(meters));
        return model;
    }

    private static ModelRequest request(String text) {
        return new ModelRequest("chat", "gpt-test", 0.3,
                List.of(ModelMessage.system("You are the AI CEO."), ModelMessage.user(text)), 256, Map.of());
    }

    @Test
    void completesWithTheProvidersUsageAndSendsThePrompt() {
        fake.answer(r -> FakeOpenAi.completion("Focus on sales.", 42, 7));
        ModelReply reply = model(2, Duration.ofSeconds(2), 100).complete(request("What now?")).block(Duration.ofSeconds(10));

        assertThat(reply.text()).isEqualTo("Focus on sales.");
        assertThat(reply.tokensIn()).isEqualTo(42);
        assertThat(reply.tokensOut()).isEqualTo(7);
        assertThat(reply.sandbox()).isFalse();
        String body = fake.bodies().get(0);
        assertThat(body).contains("\"model\":\"gpt-test\"", "\"temperature\":0.3", "You are the AI CEO.", "What now?",
                "\"role\":\"system\"");
        assertThat(meters.get("ai.model.tokens").tag("direction", "in").counter().count()).isEqualTo(42);
        assertThat(meters.get("ai.model.latency").tag("outcome", "success").timer().count()).isEqualTo(1);
    }

    @Test
    void streamsTokensThenOneDoneWithTheWholeReplyAndUsage() {
        fake.answer(r -> FakeOpenAi.stream(List.of("Grow", " the", " pipeline."), 30, 3));
        List<ModelChunk> chunks = model(2, Duration.ofSeconds(2), 100).stream(request("Plan?")).collectList()
                .block(Duration.ofSeconds(10));

        assertThat(chunks).hasSize(4);
        assertThat(chunks.subList(0, 3)).extracting(c -> ((ModelChunk.Token) c).text()).containsExactly("Grow", " the", " pipeline.");
        ModelReply done = ((ModelChunk.Done) chunks.get(3)).reply();
        assertThat(done.text()).isEqualTo("Grow the pipeline.");
        assertThat(done.tokensIn()).isEqualTo(30);
        assertThat(done.tokensOut()).isEqualTo(3);
        assertThat(fake.bodies().get(0)).contains("\"stream\":true", "\"include_usage\":true");
    }

    @Test
    void retriesA429AfterTheRetryAfterItWasGiven() {
        fake.answer(r -> fake.count("429") == 1 ? FakeOpenAi.error(429, "1") : FakeOpenAi.completion("ok", 1, 1));
        long start = System.nanoTime();
        ModelReply reply = model(2, Duration.ofSeconds(2), 100).complete(request("hi")).block(Duration.ofSeconds(10));

        assertThat(reply.text()).isEqualTo("ok");
        assertThat(fake.bodies()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(meters.get("ai.model.retries").tag("reason", "rate_limited").counter().count()).isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanWeWaitAnswers503AtOnceWithThatRetryAfter() {
        fake.answer(r -> FakeOpenAi.error(429, "120"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> model(2, Duration.ofSeconds(2), 100).complete(request("hi")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(e.toApiException().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.toApiException().retryAfter()).isEqualTo(Duration.ofSeconds(120));
                });
        assertThat(fake.bodies()).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesThenBecome502() {
        fake.answer(r -> FakeOpenAi.error(500, null));
        assertThatThrownBy(() -> model(2, Duration.ofSeconds(2), 100).complete(request("hi")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.UPSTREAM_ERROR);
                    assertThat(e.toApiException().status()).isEqualTo(HttpStatus.BAD_GATEWAY);
                    assertThat(e.getMessage()).doesNotContain("hi");
                });
        assertThat(fake.bodies()).hasSize(3); // first attempt + 2 retries
        assertThat(meters.get("ai.model.errors").tag("reason", "upstream_error").counter().count()).isEqualTo(1);
    }

    @Test
    void aServerErrorOnceIsRetriedToSuccess() {
        fake.answer(r -> fake.count("500") == 1 ? FakeOpenAi.error(503, null) : FakeOpenAi.completion("recovered", 1, 1));
        assertThat(model(2, Duration.ofSeconds(2), 100).complete(request("hi")).block(Duration.ofSeconds(10)).text())
                .isEqualTo("recovered");
        assertThat(fake.bodies()).hasSize(2);
    }

    @Test
    void aRefusedRequestIsNotRetried() {
        fake.answer(r -> FakeOpenAi.error(400, null));
        assertThatThrownBy(() -> model(2, Duration.ofSeconds(2), 100).complete(request("hi")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.REJECTED));
        assertThat(fake.bodies()).hasSize(1);
    }

    @Test
    void aSlowModelTimesOutFastAs503InsteadOfHanging() {
        fake.answer(r -> FakeOpenAi.completion("too late", 1, 1).setHeadersDelay(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertThatThrownBy(() -> model(1, Duration.ofMillis(300), 100).complete(request("hi")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
                    assertThat(e.toApiException().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                });
        // two attempts of 300 ms and a 50 ms backoff: far from the 5 s the fake would take
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aSlowStreamTimesOutBeforeItsFirstToken() {
        fake.answer(r -> FakeOpenAi.stream(List.of("late"), 1, 1).setHeadersDelay(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertThatThrownBy(() -> model(0, Duration.ofMillis(300), 100).stream(request("hi")).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aStreamThatFailsBeforeItsFirstTokenIsRetried() {
        fake.answer(r -> fake.count("stream") == 1 ? FakeOpenAi.error(500, null) : FakeOpenAi.stream(List.of("a", "b"), 2, 2));
        List<ModelChunk> chunks = model(2, Duration.ofSeconds(2), 100).stream(request("hi")).collectList().block(Duration.ofSeconds(10));
        assertThat(((ModelChunk.Done) chunks.get(chunks.size() - 1)).reply().text()).isEqualTo("ab");
        assertThat(fake.bodies()).hasSize(2);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenAnswersWithoutCallingTheModel() {
        fake.answer(r -> FakeOpenAi.error(500, null));
        OpenAiChatModel m = model(0, Duration.ofSeconds(2), 4);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> m.complete(request("hi")).block(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UPSTREAM_ERROR));
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> m.complete(request("hi")).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.CIRCUIT_OPEN);
                    assertThat(e.toApiException().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.toApiException().retryAfter()).isEqualTo(Duration.ofSeconds(30));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(fake.bodies()).hasSize(4);
    }

    @Test
    void aStreamCutOffMidwayFailsAfterItsTokensAndIsNotRetried() {
        List<String> tokens = IntStream.range(0, 50).mapToObj(i -> "w" + i + " ").toList();
        fake.answer(r -> FakeOpenAi.stream(tokens, 1, 50).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        List<ModelChunk> seen = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> model(2, Duration.ofSeconds(2), 100).stream(request("hi")).doOnNext(seen::add)
                .collectList().block(Duration.ofSeconds(10)))
                .isInstanceOf(ModelException.class);
        assertThat(seen).isNotEmpty().noneMatch(c -> c instanceof ModelChunk.Done);
        assertThat(fake.bodies()).hasSize(1); // tokens were already sent: no retry
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonIsNotTakenAsWhole() {
        String sse = FakeOpenAi.sse(List.of("half", " an"), 1, 2);
        String cut = sse.substring(0, sse.indexOf("\"finish_reason\":\"stop\"")); // drop the finishing chunks
        cut = cut.substring(0, cut.lastIndexOf("data: ")) + "data: [DONE]\n\n";
        String body = cut;
        fake.answer(r -> new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body));
        assertThatThrownBy(() -> model(2, Duration.ofSeconds(2), 100).stream(request("hi")).collectList().block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_RESPONSE);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(fake.bodies()).hasSize(1);
    }
}
