package com.aiceo.ai;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.testsupport.TestTokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * docs/benchmarks.md, "ai-service overhead": what the service adds over the model call, with the fake
 * OpenAI server answering at once. Opt-in ({@code -Dai.bench=true}); same context as OpenAiComponentTest.
 * Message: end-to-end latency minus the model call's own latency (the answer's {@code latencyMs}).
 * Stream: time from sending the request to the first token event (the fake's first chunk is immediate).
 */
@EnabledIfSystemProperty(named = "ai.bench", matches = "true")
class ChatOverheadBenchmark extends OpenAiComponentTest {

    private static final Pattern LATENCY = Pattern.compile("\"latencyMs\":(\\d+)");

    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        int warmup = Integer.getInteger("ai.bench.warmup", 200);
        int n = Integer.getInteger("ai.bench.requests", 500);
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.token(UUID.randomUUID(), UUID.randomUUID(), "member");
        List<Double> total = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        List<Double> firstToken = new ArrayList<>();
        for (int i = 0; i < warmup + n; i++) {
            HttpRequest message = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chat/message"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"How do we grow, step " + i + "?\"}")).build();
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(message, HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - start) / 1e6;
            assertThat(r.statusCode()).isEqualTo(200);
            Matcher m = LATENCY.matcher(r.body());
            assertThat(m.find()).isTrue();
            HttpRequest stream = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chat/stream"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"Stream step " + i + "\"}")).build();
            long streamStart = System.nanoTime();
            HttpResponse<InputStream> s = http.send(stream, HttpResponse.BodyHandlers.ofInputStream());
            double first = -1;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(s.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (first < 0 && line.startsWith("data:")) {
                        first = (System.nanoTime() - streamStart) / 1e6;
                    }
                }
            }
            if (i >= warmup) {
                total.add(ms);
                overhead.add(ms - Long.parseLong(m.group(1)));
                firstToken.add(first);
            }
        }
        String report = String.format(Locale.ROOT, """
                ai-service overhead over an instant fake model (%d requests after %d warm-up, sequential)
                message end-to-end     p50 %.1f ms  p99 %.1f ms
                message minus model    p50 %.1f ms  p99 %.1f ms
                stream first token     p50 %.1f ms  p99 %.1f ms
                """, n, warmup, pct(total, 50), pct(total, 99), pct(overhead, 50), pct(overhead, 99),
                pct(firstToken, 50), pct(firstToken, 99));
        System.out.println(report);
        Files.writeString(Path.of("target", "ai-bench.txt"), report);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
