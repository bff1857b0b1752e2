package com.aiceo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the public API through the gateway, as the web console or a script would use it. */
public final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, headers, raw body and (when JSON) the parsed body. */
    public record Answer(int status, HttpHeaders headers, String raw) {
        public JsonNode json() {
            return raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    private Api() {
    }

    public static Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    public static Answer delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    public static Answer post(String path, String token, Object body) {
        return send("POST", path, token, "application/json", body == null ? null : JSON.writeValueAsString(body));
    }

    public static Answer patch(String path, String token, Object body) {
        return send("PATCH", path, token, "application/json", JSON.writeValueAsString(body));
    }

    public static Answer put(String path, String token, Object body) {
        return send("PUT", path, token, "application/json", JSON.writeValueAsString(body));
    }

    public static Answer send(String method, String path, String token, String contentType, String body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    public static Answer send(String method, String path, String token, String contentType, String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.gateway() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
