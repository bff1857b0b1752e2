package com.aiceo.bench.crm;

import com.aiceo.bench.gateway.LoadResult;
import com.aiceo.bench.gateway.Wrk;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * crm-service's measures (issue 4), on the platform as deploy/local/run.sh starts it (the launcher jar with
 * {@code --only gateway,auth,crm}, ports moved out of the way, data in a temporary folder):
 * <ol>
 *   <li>seeds, straight into PostgreSQL, 1,000 organizations × 100 leads plus one organization (a real user
 *       registered through the gateway) with 100,000 leads, then ANALYZE;</li>
 *   <li>list and search latency through the gateway for that organization (wrk, one connection: p50/p99;
 *       eight connections: requests/s) — default order, by score, by last activity, q search, status +
 *       minScore, staleDays, and a deep page;</li>
 *   <li>CSV import of 50,000 rows (rows/s), straight to crm-service and through the gateway;</li>
 *   <li>create through the gateway: p50/p99 at one connection, requests/s at eight.</li>
 * </ol>
 * Usage: deploy/bench/crm.sh [--seconds 10] [--warmup 3]
 */
public final class CrmBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        int seconds = option(args, "--seconds", 10);
        int warmup = option(args, "--warmup", 3);
        Path repo = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("crm-bench");
        int portBase = freeRange(8);
        int pgPort = freeRange(1);
        Path log = data.resolve("launcher.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", repo.resolve("deploy/local/target/local-launcher.jar").toString(),
                "--data", data.toString(), "--only", "gateway,auth,crm")
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PORT_BASE", String.valueOf(portBase));
        pb.environment().put("PG_PORT", String.valueOf(pgPort));
        pb.environment().put("KAFKA_PORT", String.valueOf(freeRange(1)));
        // the gateway's per-user limit (20/s) would be what gets measured otherwise
        pb.environment().put("RATE_LIMIT_USER_PER_SECOND", "1000000");
        pb.environment().put("RATE_LIMIT_USER_BURST", "1000000");
        pb.environment().put("RATE_LIMIT_ADDRESS_PER_SECOND", "1000");
        pb.environment().put("RATE_LIMIT_ADDRESS_BURST", "1000");
        pb.environment().remove("DATABASE_URL");
        // the services as they would run in production (full JIT), not run.sh's small-footprint C1-only JVMs;
        // BENCH_JVM_OPTS overrides (e.g. the launcher's defaults, to compare)
        String jvm = System.getenv().getOrDefault("BENCH_JVM_OPTS",
                "-Xms256m -Xmx256m -XX:MaxMetaspaceSize=160m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError");
        pb.environment().put("LOCAL_JVM_OPTS", jvm);
        Process launcher = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.destroy();
            try {
                launcher.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        String gateway = "http://127.0.0.1:" + portBase;
        String crm = "http://127.0.0.1:" + (portBase + 3);
        say("starting gateway, auth-service and crm-service (log: " + log + ")");
        awaitHealthy(launcher, gateway, log);

        String[] big = register(gateway, "Big Org");
        String token = big[0];
        UUID bigOrg = UUID.fromString(big[1]);
        String jdbc = "jdbc:postgresql://127.0.0.1:" + pgPort + "/aiceo";
        long t0 = System.nanoTime();
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", "postgres");
        credentials.setProperty("password", "postgres");
        try (Connection c = new org.postgresql.Driver().connect(jdbc, credentials)) {
            seed(c, bigOrg);
        }
        say(String.format(Locale.ROOT, "seeded 100,000 + 1,000 × 100 leads in %.1f s", (System.nanoTime() - t0) / 1e9));

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n## Results (wrk; %d s measured after %d s warm-up per query; "
                + "through the gateway unless said; 100,000 leads in the caller's organization, 100,000 in 1,000 others; "
                + "service JVMs: %s)%n%n", seconds, warmup, jvm));
        md.append("| query | total | 1 connection p50 / p99 (ms) | 8 connections req/s | errors |\n|---|---|---|---|---|\n");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("first page, newest first", "/api/crm/leads?size=50");
        queries.put("sort=score", "/api/crm/leads?size=50&sort=score");
        queries.put("sort=lastActivity", "/api/crm/leads?size=50&sort=lastActivity");
        queries.put("q=acme 12 (name/email/company)", "/api/crm/leads?size=50&q=acme%2012");
        queries.put("q=lead123 (rare)", "/api/crm/leads?size=50&q=lead12345");
        queries.put("status=qualified&minScore=0.5", "/api/crm/leads?size=50&status=qualified&minScore=0.5");
        queries.put("staleDays=60", "/api/crm/leads?size=50&staleDays=60");
        queries.put("page=1000 (offset 50,000)", "/api/crm/leads?size=50&page=1000");
        queries.put("straight to crm-service: first page", crm + "/api/crm/leads?size=50");
        queries.put("straight to crm-service: q=lead12345", crm + "/api/crm/leads?size=50&q=lead12345");
        // warm the JIT on every query shape first (the first query measured otherwise pays for it)
        for (String path : queries.values()) {
            Wrk.run(path.startsWith("http") ? path : gateway + path, "Bearer " + token, null, 4, warmup);
        }
        for (var q : queries.entrySet()) {
            String url = q.getValue().startsWith("http") ? q.getValue() : gateway + q.getValue();
            HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                throw new IllegalStateException(q.getKey() + ": " + first.statusCode() + " " + first.body());
            }
            Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(first.body());
            Wrk.run(url, "Bearer " + token, null, 1, warmup);
            LoadResult one = Wrk.run(url, "Bearer " + token, null, 1, seconds);
            LoadResult eight = Wrk.run(url, "Bearer " + token, null, 8, seconds);
            say(q.getKey() + ": " + one + " / " + eight);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f / %.1f | %,.0f | %d |%n", q.getKey(),
                    total.find() ? String.format(Locale.ROOT, "%,d", Long.parseLong(total.group(1))) : "?",
                    one.p50(), one.p99(), eight.rps(), one.errors() + eight.errors()));
        }

        md.append("\n| CSV import, 50,000 rows (~").append(csv(50_000, "x").length() / 1_000_000)
                .append(" MB) | answer | seconds | rows/s |\n|---|---|---|---|\n");
        for (String[] target : List.of(new String[] {"straight to crm-service", crm}, new String[] {"through the gateway", gateway})) {
            String[] org = register(gateway, "Import " + target[0]);
            String body = csv(50_000, UUID.randomUUID().toString().substring(0, 8));
            long s0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(target[1] + "/api/crm/leads/import"))
                    .timeout(Duration.ofMinutes(10))
                    .header("Authorization", "Bearer " + org[0]).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            double secs = (System.nanoTime() - s0) / 1e9;
            Matcher imported = Pattern.compile("\"imported\":(\\d+)").matcher(r.body());
            long n = imported.find() ? Long.parseLong(imported.group(1)) : 0;
            say("import " + target[0] + ": " + r.statusCode() + " imported " + n + " in " + secs + " s");
            md.append(String.format(Locale.ROOT, "| %s | %d, imported %,d | %.1f | %,.0f |%n", target[0], r.statusCode(), n,
                    secs, n / secs));
        }

        String run = UUID.randomUUID().toString().substring(0, 8);
        String lua = """
                counter = 0
                local threads = {}
                function setup(thread)
                  thread:set("tid", #threads + 1)
                  table.insert(threads, thread)
                end
                function request()
                  counter = counter + 1
                  local body = '{"name":"Bench Lead","email":"c-%s-' .. tid .. '-' .. counter .. '@bench.example","company":"Acme","priority":"medium","status":"new","source":"website","value":100}'
                  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer %s"}, body)
                end
                """.formatted(run, token);
        Wrk.runScript(gateway + "/api/crm/leads", null, lua.replace("c-" + run, "w-" + run), 1, warmup);
        LoadResult create1 = Wrk.runScript(gateway + "/api/crm/leads", null, lua, 1, seconds);
        LoadResult create8 = Wrk.runScript(gateway + "/api/crm/leads", null, lua.replace("c-" + run, "p-" + run), 8, seconds);
        say("create: " + create1 + " / " + create8);
        md.append(String.format(Locale.ROOT, "%n| create through the gateway (POST /api/crm/leads) | p50 / p99 (ms) | req/s | errors |%n"
                + "|---|---|---|---|%n| 1 connection | %.1f / %.1f | %,.0f | %d |%n| 8 connections | %.1f / %.1f | %,.0f | %d |%n",
                create1.p50(), create1.p99(), create1.rps(), create1.errors(),
                create8.p50(), create8.p99(), create8.rps(), create8.errors()));
        System.out.println(md);
        launcher.destroy();
        launcher.waitFor(60, TimeUnit.SECONDS);
        deleteRecursively(data);
        System.exit(0);
    }

    /** 100,000 leads in {@code org}, 100 in each of 1,000 other organizations; then ANALYZE. */
    private static void seed(Connection c, UUID org) throws Exception {
        String insert = """
                INSERT INTO crm.lead (id, org_id, name, email, company, title, source, priority, status, value,
                                      score, score_model, score_factors, last_activity_at, created_at, updated_at)
                SELECT gen_random_uuid(), %s, 'Lead ' || g, 'lead' || g || '@' || %s || '.example',
                       CASE WHEN g %% 3 = 0 THEN 'Acme ' || (g %% 500) ELSE 'Company ' || (g %% 5000) END, 'Buyer',
                       (ARRAY['linkedin','website','referral','event'])[1 + g %% 4],
                       (ARRAY['low','medium','high'])[1 + g %% 3],
                       (ARRAY['new','contacted','qualified','proposal','won','lost'])[1 + g %% 6],
                       (g %% 100) * 100, (g * 7919 %% 1000) / 1000.0, 'prior', '[]',
                       CASE WHEN g %% 10 = 0 THEN NULL ELSE now() - make_interval(days => g %% 120) END,
                       now() - make_interval(days => g %% 365, secs => g), now()
                FROM %s""";
        try (Statement st = c.createStatement()) {
            st.execute(insert.formatted("'" + org + "'::uuid", "'big'", "generate_series(1, 100000) g"));
            st.execute(insert.formatted("md5('org' || o)::uuid", "'o' || o", "generate_series(1, 1000) o, generate_series(1, 100) g"));
            // what autovacuum does in production after a bulk load: statistics, and the visibility map that
            // lets count(*) and the ordered lists use index-only scans
            st.execute("VACUUM ANALYZE crm.lead");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM crm.lead WHERE org_id = ?")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != 100_000) {
                    throw new IllegalStateException("seeded " + rs.getLong(1) + " leads, expected 100,000");
                }
            }
        }
    }

    private static String csv(int rows, String tag) {
        StringBuilder out = new StringBuilder(rows * 90).append("name,email,company,title,phone,source,priority,status,notes,value\n");
        for (int i = 1; i <= rows; i++) {
            out.append("\"Imported, Lead ").append(i).append("\",imp-").append(tag).append('-').append(i)
                    .append("@example.com,\"Acme \"\"").append(i % 700).append("\"\"\",Buyer,+1 555 0100,csv,")
                    .append(i % 3 == 0 ? "high" : "medium").append(",new,\"first line\nsecond line\",").append(i % 1000)
                    .append('\n');
        }
        return out.toString();
    }

    private static String[] register(String gateway, String organization) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"Bench-password-" + UUID.randomUUID()
                + "\",\"name\":\"Bench\",\"organizationName\":\"" + organization + "\"}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("register: " + r.statusCode() + " " + r.body());
        }
        Matcher token = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(r.body());
        Matcher org = Pattern.compile("\"organization\":\\{\"id\":\"([^\"]+)\"").matcher(r.body());
        if (!token.find() || !org.find()) {
            throw new IllegalStateException("register answer without token or organization: " + r.body());
        }
        return new String[] {token.group(1), org.group(1)};
    }

    private static void awaitHealthy(Process launcher, String gateway, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("launcher exited; see " + log);
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                // only gateway, auth and crm run: ready when those two report UP
                if (r.body().contains("\"auth-service\":\"UP\"") && r.body().contains("\"crm-service\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            launcher.waitFor(1, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("not healthy within 300 s; see " + log);
    }

    private static int freeRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000 - count);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress("127.0.0.1", p));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports");
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void say(String message) {
        System.out.println("[crm-bench] " + message);
    }
}
