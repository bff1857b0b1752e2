package com.aiceo.ai.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local fake of the OpenAI chat-completions API speaking the real wire format: JSON completions with
 * usage, streamed {@code data: {chunk}} lines ending with {@code data: [DONE]}, 429 with Retry-After, 500,
 * slow answers. Each request goes to the current {@link #answer} function; every request body is recorded.
 */
public final class FakeOpenAi implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Function<Request, MockResponse> answer = r -> r.stream() ? stream(List.of("Hello", " there"), 10, 2)
            : completion("Hello there", 10, 2);

    /** What a request asked for. */
    public record Request(String body, boolean stream, String path, String authorization) {
        public boolean contains(String s) {
            return body.contains(s);
        }
    }

    public FakeOpenAi() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest recorded) {
                String body = recorded.getBody().readUtf8();
                bodies.add(body);
                Request request = new Request(body, body.contains("\"stream\":true"), recorded.getPath(),
                        recorded.getHeader("Authorization"));
                return answer.apply(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure, with {@code /v1}. */
    public String baseUrl() {
        return server.url("/v1").toString();
    }

    public void answer(Function<Request, MockResponse> answer) {
        this.answer = answer;
    }

    /** Request bodies seen so far. */
    public List<String> bodies() {
        return bodies;
    }

    /** How many requests contained {@code marker}. */
    public long requestsContaining(String marker) {
        return bodies.stream().filter(b -> b.contains(marker)).count();
    }

    /** Counts a call under {@code key} and answers the new count (for scripted "first time fails" answers). */
    public int count(String key) {
        return calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public static MockResponse completion(String text, int promptTokens, int completionTokens) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-test",\
                "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},\
                "logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}"""
                .formatted(json(text), promptTokens, completionTokens, promptTokens + completionTokens));
    }

    public static MockResponse stream(List<String> tokens, int promptTokens, int completionTokens) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(sse(tokens, promptTokens,
                completionTokens));
    }

    /** A stream whose bytes trickle out: {@code bytes} every {@code periodMs}. */
    public static MockResponse slowStream(List<String> tokens, int bytes, long periodMs) {
        return stream(tokens, 10, tokens.size()).throttleBody(bytes, periodMs, TimeUnit.MILLISECONDS);
    }

    public static String sse(List<String> tokens, int promptTokens, int completionTokens) {
        StringBuilder s = new StringBuilder();
        boolean first = true;
        for (String token : tokens) {
            s.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                    .append("\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{")
                    .append(first ? "\"role\":\"assistant\"," : "")
                    .append("\"content\":").append(json(token)).append("},\"logprobs\":null,\"finish_reason\":null}]}\n\n");
            first = false;
        }
        s.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                .append("\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,")
                .append("\"finish_reason\":\"stop\"}]}\n\n");
        s.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                .append("\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens).append(",\"total_tokens\":")
                .append(promptTokens + completionTokens).append("}}\n\n");
        s.append("data: [DONE]\n\n");
        return s.toString();
    }

    public static MockResponse error(int status, String retryAfter) {
        MockResponse r = new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"error\":{\"message\":\"fake failure\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
        return retryAfter == null ? r : r.setHeader("Retry-After", retryAfter);
    }

    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
