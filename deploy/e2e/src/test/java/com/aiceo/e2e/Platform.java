package com.aiceo.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, started once per test JVM with the same launcher as {@code deploy/local/run.sh}
 * (its jar and the service jars the reactor built before this module), data in a fresh temporary
 * folder, every port moved out of the way (PORT_BASE, PG_PORT, KAFKA_PORT), and stopped with SIGTERM
 * when the tests are done. Tests reach it only through the gateway: {@link #gateway()}.
 */
public final class Platform implements BeforeAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static Running running;

    private record Running(Process launcher, URI gateway, Path log, Path data)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            launcher.destroy(); // SIGTERM: the launcher stops the services, Kafka and PostgreSQL
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                launcher.waitFor(10, TimeUnit.SECONDS);
            }
            if (Files.exists(data)) {
                try (var paths = Files.walk(data)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    public static URI gateway() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(Platform.class)");
        }
        return running.gateway();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Platform.class) {
            if (running == null) {
                running = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Platform.class.getName(), running);
            }
        }
    }

    private static Running start() throws IOException, InterruptedException {
        Path repo = Path.of("").toAbsolutePath().resolve("../..").normalize();
        Path launcherJar = repo.resolve("deploy/local/target/local-launcher.jar");
        for (String module : List.of("gateway-service", "auth-service", "ai-service", "crm-service", "content-service",
                "billing-service", "task-worker-service", "agentic-service")) {
            Path jar = repo.resolve(module).resolve("target").resolve(module + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: the end-to-end suite runs the built jars "
                        + "(./mvnw -B verify builds them before this module)");
            }
        }
        if (!Files.isRegularFile(launcherJar)) {
            throw new IllegalStateException(launcherJar + " is missing (./mvnw -B verify builds it before this module)");
        }
        Path data = Files.createTempDirectory("aiceo-e2e");
        Path log = Path.of("target", "e2e-platform.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        int portBase = freeRange(8);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", launcherJar.toString(), "--data", data.toString())
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PORT_BASE", String.valueOf(portBase));
        pb.environment().put("PG_PORT", String.valueOf(freeRange(1)));
        pb.environment().put("KAFKA_PORT", String.valueOf(freeRange(1)));
        pb.environment().put("LOCAL_START_TIMEOUT", String.valueOf(START_TIMEOUT.toSeconds()));
        // the suite registers many users from one address; the per-address limit has its own test elsewhere
        pb.environment().put("RATE_LIMIT_ADDRESS_PER_SECOND", "200");
        pb.environment().put("RATE_LIMIT_ADDRESS_BURST", "400");
        pb.environment().remove("DATABASE_URL");
        Process launcher = pb.start();
        URI gateway = URI.create("http://127.0.0.1:" + portBase);
        Running started = new Running(launcher, gateway, log, data);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                // best effort at JVM exit
            }
        }));
        awaitHealthy(started);
        return started;
    }

    /** Until GET /api/health answers 200 (every service UP), the launcher dies, or the time is up. */
    private static void awaitHealthy(Running platform) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!platform.launcher().isAlive()) {
                throw new IllegalStateException("the launcher exited with " + platform.launcher().exitValue()
                        + "; its output:\n" + tail(platform.log()));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(platform.gateway().resolve("/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                last = health.statusCode() + " " + health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            platform.launcher().waitFor(1, TimeUnit.SECONDS); // poll once a second; returns early if it dies
        }
        throw new IllegalStateException("the platform was not healthy within " + START_TIMEOUT.toSeconds()
                + " s (last: " + last + "); launcher output:\n" + tail(platform.log()));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The first port of {@code count} consecutive free ports, picked at random in 20000–39999. */
    private static int freeRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000 - count);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                free = isFree(p);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
