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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for a platform service on a free local port: answers its readiness with a fixed or
 * switchable answer, and every other path with {@code {"service":..,"path":..}} so a test can see
 * where the gateway routed a request.
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/actuator/health/readiness")) {
                readiness.answer(exchange);
            } else {
                send(exchange, 200, "application/json",
                        "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                                + "\",\"path\":\"" + path + "\"}");
            }
        }
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
