package com.aiceo.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives load with wrk (closed loop, fixed connections), parses its --latency output. */
public final class Wrk {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** GET with the header, or POST of {@code body} (JSON) when body is not null. */
    public static LoadResult run(String url, String authorization, String body, int connections, int seconds)
            throws IOException, InterruptedException {
        return runScript(url, authorization, body == null ? null
                : "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                        + "wrk.body = [[" + body + "]]\n", connections, seconds);
    }

    /** As {@link #run}, the requests made by a Lua script (wrk's {@code -s}) when {@code lua} is not null. */
    public static LoadResult runScript(String url, String authorization, String lua, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(2, connections)),
                "-c", String.valueOf(connections), "-d", seconds + "s", "--timeout", "5s", "--latency"));
        if (authorization != null) {
            cmd.addAll(List.of("-H", "Authorization: " + authorization));
        }
        Path script = null;
        if (lua != null) {
            script = Files.createTempFile("wrk-script", ".lua");
            Files.writeString(script, lua);
            cmd.addAll(List.of("-s", script.toString()));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (script != null) {
            Files.deleteIfExists(script);
        }
        Matcher rps = RPS.matcher(out);
        if (rc != 0 || !rps.find()) {
            throw new IllegalStateException("wrk failed (" + rc + "):\n" + out);
        }
        Matcher total = TOTAL.matcher(out);
        long requests = total.find() ? Long.parseLong(total.group(1)) : 0;
        long errors = 0;
        Matcher non2xx = NON2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new LoadResult(Double.parseDouble(rps.group(1)), percentile(out, "50%"), percentile(out, "99%"),
                requests, errors);
    }

    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + label + " in wrk output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }
}
