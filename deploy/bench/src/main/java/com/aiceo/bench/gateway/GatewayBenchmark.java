package com.aiceo.bench.gateway;

import com.aiceo.infra.EmbeddedKafka;
import com.aiceo.infra.EmbeddedPostgres;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateway benchmark (issue 3), all on loopback, in one run:
 * <ol>
 *   <li>a JWKS server (an RSA key generated here, like TestTokens) and an RS256 access token from it;</li>
 *   <li>{@link BenchTargetApp} (platform-security: the token is checked again by the service) on a free port;</li>
 *   <li>the real gateway, {@code gateway-service/target/gateway-service.jar}, as a child JVM with
 *       {@code CRM_SERVICE_URL} at the target, {@code JWKS_URI} at the JWKS server, and the per-user rate
 *       limit raised out of the way (otherwise the limiter is what gets measured);</li>
 *   <li>per case (trivial GET, 50 ms GET): warm-up then measured load, straight to the service and through
 *       the gateway, with the same token, connections and duration (wrk, or {@link JavaLoad} without it);</li>
 *   <li>login latency: auth-service's jar on embedded PostgreSQL + Kafka, POST /api/auth/login straight to it.</li>
 * </ol>
 * Options: --seconds 30 --warmup 10 --fast-connections 50 --slow-connections 200 --login-seconds 20
 * --login-connections 1 --login 1 (0 skips login) --java 0 (1 forces the Java load generator)
 * --gateway-bulkhead 0 (1 keeps Spring Cloud CircuitBreaker's default 25-call bulkhead per route, as shipped).
 */
public final class GatewayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(GatewayBenchmark.class);
    private static final String ISSUER = "aiceo-auth";
    private static final String AUDIENCE = "aiceo-platform";
    private static final String[] NO_DATABASE = {
        "com.aiceo.events.autoconfigure.SharedEventsAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
    };

    private static final List<Process> children = new ArrayList<>();
    private static final java.util.concurrent.atomic.AtomicInteger jwksFetches = new java.util.concurrent.atomic.AtomicInteger();

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opt = options(args);
        Runtime.getRuntime().addShutdownHook(new Thread(GatewayBenchmark::stopChildren, "bench-children-stop"));
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path gatewayJar = root.resolve("gateway-service/target/gateway-service.jar");
        Path authJar = root.resolve("auth-service/target/auth-service.jar");
        Path logs = Files.createTempDirectory("gateway-bench");
        boolean wrk = opt.get("java") == 0 && Wrk.available();
        log.info("load generator: {}; child logs in {}", wrk ? "wrk" : "Java (Reactor Netty closed loop)", logs);

        // 1. JWKS + token
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-" + UUID.randomUUID()).generate();
        String jwksUri = jwksServer(key);
        String bearer = "Bearer " + token(key);

        // 2. the service
        ConfigurableApplicationContext target = new SpringApplicationBuilder(BenchTargetApp.class)
                .properties(Map.of(
                        "server.port", "0",
                        "server.address", "127.0.0.1",
                        "spring.application.name", "bench-target",
                        "spring.main.web-application-type", "reactive",
                        "spring.autoconfigure.exclude", String.join(",", NO_DATABASE),
                        "platform.security.jwks-uri", jwksUri))
                .run();
        int targetPort = ((WebServerApplicationContext) target).getWebServer().getPort();
        String direct = "http://127.0.0.1:" + targetPort;

        // 3. the gateway
        int gatewayPort = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(gatewayPort));
        env.put("CRM_SERVICE_URL", direct);
        env.put("JWKS_URI", jwksUri);
        env.put("RATE_LIMIT_USER_PER_SECOND", "10000000");
        env.put("RATE_LIMIT_USER_BURST", "10000000");
        if (opt.get("gateway-bulkhead") == 0) {
            // Spring Cloud CircuitBreaker wraps each route's circuit breaker in a Resilience4j semaphore
            // bulkhead of 25 concurrent calls by default (the gateway does not configure it): beyond 25
            // requests in flight on a route the gateway answers 500 (BulkheadFullException), and those
            // failures then open the circuit (503). Off here so that the proxy's cost is what is measured;
            // --gateway-bulkhead 1 runs the gateway exactly as shipped.
            env.put("SPRING_CLOUD_CIRCUITBREAKER_BULKHEAD_RESILIENCE4J_ENABLED", "false");
        }
        // extra gateway environment for experiments: -Dbench.gateway.env=K=V,K=V (BENCH_JAVA_OPTS in gateway.sh)
        for (String kv : System.getProperty("bench.gateway.env", "").split(",")) {
            if (kv.contains("=")) {
                env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        log.info("gateway environment: {}", env);
        // extra gateway JVM options for experiments (e.g. a profiler agent): -Dbench.gateway.jvm="-a -b"
        List<String> gatewayJvm = new ArrayList<>(List.of("-Xmx512m"));
        for (String arg : System.getProperty("bench.gateway.jvm", "").trim().split("\\s+")) {
            if (!arg.isEmpty()) {
                gatewayJvm.add(arg);
            }
        }
        ProcessHandle gatewayProcess = startJava(gatewayJar, "gateway", env, logs, gatewayJvm.toArray(String[]::new));
        String gateway = "http://127.0.0.1:" + gatewayPort;
        awaitReady(gateway, Duration.ofSeconds(120), logs.resolve("gateway.log"));

        // sanity: 200 with the token, 401 without, both ways
        for (String base : List.of(direct, gateway)) {
            for (String path : List.of("/api/crm/bench/fast", "/api/crm/bench/slow", "/api/crm/bench/large")) {
                check(base + path, bearer, 200);
                check(base + path, null, 401);
            }
        }

        int seconds = opt.get("seconds");
        int warmup = opt.get("warmup");
        Map<String, LoadResult[]> results = new LinkedHashMap<>();
        // CPU per request, robust against whatever else runs on the machine: the gateway's process for the
        // gateway runs; this JVM (the target service; wrk is a separate process) for both
        Map<String, double[]> cpuPerRequest = new LinkedHashMap<>();
        for (String kase : List.of("fast", "slow", "large")) {
            int connections = opt.get(kase + "-connections");
            String path = "/api/crm/bench/" + kase;
            LoadResult[] pair = new LoadResult[2];
            String[] bases = {direct, gateway};
            for (int i = 0; i < 2; i++) {
                String url = bases[i] + path;
                log.info("{} {}: warm-up {} s, {} connections", i == 0 ? "direct" : "gateway", kase, warmup, connections);
                load(wrk, url, bearer, null, connections, warmup);
                log.info("{} {}: measured {} s", i == 0 ? "direct" : "gateway", kase, seconds);
                long gatewayCpu0 = cpuNanos(gatewayProcess);
                long targetCpu0 = cpuNanos(ProcessHandle.current());
                pair[i] = load(wrk, url, bearer, null, connections, seconds);
                double requests = Math.max(1, pair[i].requests());
                double targetMs = (cpuNanos(ProcessHandle.current()) - targetCpu0) / 1e6 / requests;
                double gatewayMs = (cpuNanos(gatewayProcess) - gatewayCpu0) / 1e6 / requests;
                cpuPerRequest.computeIfAbsent(kase, k -> new double[3]);
                if (i == 0) {
                    cpuPerRequest.get(kase)[0] = targetMs;
                } else {
                    cpuPerRequest.get(kase)[1] = gatewayMs;
                    cpuPerRequest.get(kase)[2] = targetMs;
                }
                log.info("  -> {} (CPU per request: target {} ms, gateway {} ms)", pair[i],
                        String.format(Locale.ROOT, "%.3f", targetMs), i == 0 ? "-" : String.format(Locale.ROOT, "%.3f", gatewayMs));
            }
            results.put(kase + "|" + connections, pair);
        }
        target.close();
        stopChildren();

        LoadResult login = null;
        String loginNote = "skipped (--login 0)";
        if (opt.get("login") == 1) {
            try {
                login = login(authJar, logs, wrk, opt.get("login-connections"), opt.get("login-seconds"), warmup);
            } catch (Exception e) {
                log.warn("login benchmark failed", e);
                loginNote = "failed: " + e.getMessage();
            }
            stopChildren();
        }

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n## Results (%s, %d s measured after %d s warm-up per run; gateway %s)%n%n",
                wrk ? "wrk" : "Java load generator", seconds, warmup,
                opt.get("gateway-bulkhead") == 0 ? "with the default 25-call route bulkhead off" : "as shipped"));
        md.append("| case | connections | direct req/s | gateway req/s | gateway ÷ direct | direct p50 / p99 (ms) "
                + "| gateway p50 / p99 (ms) | added p50 (ms) | errors (direct / gateway) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (var e : results.entrySet()) {
            String[] k = e.getKey().split("\\|");
            LoadResult d = e.getValue()[0];
            LoadResult g = e.getValue()[1];
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | **%.2f×** | %.2f / %.2f | %.2f / %.2f | **%.2f** | %d / %d |%n",
                    label(k[0]), k[1], d.rps(), g.rps(), g.rps() / d.rps(),
                    d.p50(), d.p99(), g.p50(), g.p99(), g.p50() - d.p50(), d.errors(), g.errors()));
        }
        md.append("\n| case | target CPU per request, direct (ms) | gateway CPU per request (ms) | target CPU per request, via gateway (ms) |\n");
        md.append("|---|---|---|---|\n");
        for (var e : cpuPerRequest.entrySet()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | **%.3f** | %.3f |%n",
                    label(e.getKey()), e.getValue()[0], e.getValue()[1], e.getValue()[2]));
        }
        md.append(String.format(Locale.ROOT, "%nJWKS fetched %d times in all (gateway and service cache the key set)%n",
                jwksFetches.get()));
        if (login != null) {
            md.append(String.format(Locale.ROOT, "%nlogin (POST /api/auth/login straight to auth-service, %d connection(s)): "
                    + "p50 **%.1f ms**, p99 **%.1f ms**, %.1f logins/s, %d errors%n",
                    opt.get("login-connections"), login.p50(), login.p99(), login.rps(), login.errors()));
        } else {
            md.append("\nlogin: ").append(loginNote).append('\n');
        }
        System.out.println(md);
        System.exit(0);
    }

    private static LoadResult login(Path authJar, Path logs, boolean wrk, int connections, int seconds, int warmup)
            throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start(0, null);
        pg.createDatabase("aiceo");
        EmbeddedKafka kafka = new EmbeddedKafka(0, Files.createTempDirectory("gateway-bench-kafka"), 3).start();
        try {
            int port = freePort();
            byte[] kek = new byte[32];
            new SecureRandom().nextBytes(kek);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("DB_HOST", "localhost");
            env.put("DB_PORT", String.valueOf(pg.port()));
            env.put("DB_NAME", "aiceo");
            env.put("DB_USER", pg.user());
            env.put("DB_PASSWORD", pg.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("AUTH_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(kek));
            startJava(authJar, "auth", env, logs, "-Xmx512m");
            String auth = "http://127.0.0.1:" + port;
            awaitReady(auth, Duration.ofSeconds(120), logs.resolve("auth.log"));
            String email = "bench-" + UUID.randomUUID() + "@example.com";
            String password = "Bench-password-" + UUID.randomUUID();
            String register = "{\"email\":\"" + email + "\",\"password\":\"" + password
                    + "\",\"name\":\"Bench\",\"organizationName\":\"Bench org\"}";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(auth + "/api/auth/register"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(register)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("register: " + r.statusCode() + " " + r.body());
            }
            String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
            log.info("login: warm-up {} s, measured {} s, {} connection(s)", warmup, seconds, connections);
            load(wrk, auth + "/api/auth/login", null, body, connections, warmup);
            LoadResult result = load(wrk, auth + "/api/auth/login", null, body, connections, seconds);
            log.info("  -> {}", result);
            return result;
        } finally {
            stopChildren();
            kafka.close();
            pg.close();
        }
    }

    private static LoadResult load(boolean wrk, String url, String authorization, String body, int connections,
            int seconds) throws Exception {
        return wrk ? Wrk.run(url, authorization, body, connections, seconds)
                : JavaLoad.run(url, authorization, body, connections, seconds);
    }

    private static String jwksServer(RSAKey key) throws IOException {
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** Signed like auth-service signs (RS256, kid; sub, email, org, role, iss, aud), valid for 2 hours. */
    private static String token(RSAKey key) throws Exception {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.toString())
                .claim("email", "bench-" + user + "@example.com")
                .claim("org", UUID.randomUUID().toString())
                .claim("role", "member")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static ProcessHandle startJava(Path jar, String name, Map<String, String> env, Path logs, String... jvmArgs)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        synchronized (children) {
            children.add(process);
        }
        log.info("started {} ({}), log {}", name, jar.getFileName(), logs.resolve(name + ".log"));
        return process.toHandle();
    }

    private static void stopChildren() {
        synchronized (children) {
            for (Process p : children) {
                p.destroy();
            }
            for (Process p : children) {
                try {
                    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            children.clear();
        }
    }

    private static void awaitReady(String base, Duration timeout, Path logFile) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            synchronized (children) {
                if (children.stream().anyMatch(p -> !p.isAlive())) {
                    throw new IllegalStateException("a child exited; see " + logFile);
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(base + " not ready after " + timeout + "; see " + logFile);
    }

    private static void check(String url, String authorization, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        var r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("GET " + url + (authorization == null ? " without token" : " with token")
                    + ": " + r.statusCode() + " (expected " + expected + ") " + r.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String label(String kase) {
        return switch (kase) {
            case "fast" -> "trivial GET";
            case "slow" -> "50 ms GET";
            default -> "30 KB GET";
        };
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> opt = new LinkedHashMap<>(Map.of("seconds", 30, "warmup", 10, "fast-connections", 50,
                "slow-connections", 200, "large-connections", 1, "login-seconds", 20, "login-connections", 1, "login", 1, "java", 0,
                "gateway-bulkhead", 0));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String k = args[i].replaceFirst("^--", "");
            if (!opt.containsKey(k)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + opt.keySet());
            }
            opt.put(k, Integer.parseInt(args[i + 1]));
        }
        return opt;
    }

}
