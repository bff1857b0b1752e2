package com.aiceo.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a platform service on a free local port: answers its readiness with a fixed or
 * switchable answer, paths given to {@link #on} with their own answer, and every other path with
 * {@code {"service":..,"method":..,"path":..,"headers":{lower-case name: first value}}} so a test can
 * see where the gateway routed a request and what it passed on.
 */
public final class FakeService implements AutoCloseable {

    /** What the readiness endpoint answers. */
    @FunctionalInterface
    public interface Readiness {
        void answer(HttpExchange exchange) throws IOException;
    }

    public static final Readiness UP = exchange -> send(exchange, 200, "application/json", "{\"status\":\"UP\"}");
    public static final Readiness OUT_OF_SERVICE =
            exchange -> send(exchange, 503, "application/json", "{\"status\":\"OUT_OF_SERVICE\"}");

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile Readiness readiness;
    private final Map<String, Readiness> paths = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private FakeService(String name, Readiness readiness) throws IOException {
        this.name = name;
        this.readiness = readiness;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeService start(String name, Readiness readiness) {
        try {
            return new FakeService(name, readiness);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start fake " + name, e);
        }
    }

    /** A base URL on which nothing listens (the port was free a moment ago). */
    public static URI closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void readiness(Readiness readiness) {
        this.readiness = readiness;
    }

    /** Answers {@code path} with {@code answer} instead of the echo. */
    public FakeService on(String path, Readiness answer) {
        paths.put(path, answer);
        return this;
    }

    /** How many requests other than readiness checks arrived. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/actuator/health/readiness")) {
                readiness.answer(exchange);
                return;
            }
            requests.incrementAndGet();
            Readiness answer = paths.get(path);
            if (answer != null) {
                answer.answer(exchange);
                return;
            }
            StringJoiner headers = new StringJoiner(",", "{", "}");
            exchange.getRequestHeaders().forEach((header, values) -> headers.add(
                    "\"" + json(header.toLowerCase(Locale.ROOT)) + "\":\"" + json(values.get(0)) + "\""));
            send(exchange, 200, "application/json",
                    "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                            + "\",\"path\":\"" + path + "\",\"headers\":" + headers + "}");
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
