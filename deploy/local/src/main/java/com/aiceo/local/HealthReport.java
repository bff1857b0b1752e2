package com.aiceo.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's aggregated health ({@code {"status":"UP","services":{"auth-service":"UP" | {"status":"UP",..}}}})
 * leniently, without a JSON library: either form of a service's entry is understood.
 */
public final class HealthReport {

    private static final Pattern ENTRY = Pattern.compile(
            "\"([A-Za-z0-9_.-]+)\"\\s*:\\s*(?:\\{[^{}]*?\"status\"\\s*:\\s*)?\"([A-Za-z_]+)\"");

    private HealthReport() {
    }

    /** Service name to status, from the {@code services} object of the body; empty if there is none. */
    public static Map<String, String> services(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null) {
            return out;
        }
        int at = body.indexOf("\"services\"");
        if (at < 0) {
            return out;
        }
        int open = body.indexOf('{', at);
        if (open < 0) {
            return out;
        }
        int depth = 0;
        int end = body.length();
        for (int i = open; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                end = i;
                break;
            }
        }
        String inner = body.substring(open + 1, end);
        Matcher m = ENTRY.matcher(inner);
        while (m.find()) {
            if (!"status".equals(m.group(1)) && !out.containsKey(m.group(1))) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    /** The top-level status field, or null. */
    public static String status(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"([A-Za-z_]+)\"").matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        String withoutServices = body.contains("\"services\"") ? body.substring(0, body.indexOf("\"services\"")) : body;
        Matcher any = Pattern.compile("\"status\"\\s*:\\s*\"([A-Za-z_]+)\"").matcher(withoutServices);
        return any.find() ? any.group(1) : null;
    }

    /** The wanted services that the report does not show UP (a missing entry counts as not UP). */
    public static List<String> notUp(String body, List<ServiceDef> wanted) {
        Map<String, String> services = services(body);
        List<String> out = new ArrayList<>();
        for (ServiceDef s : wanted) {
            if (s.isGateway()) {
                continue;
            }
            String st = services.get(s.module());
            if (st == null) {
                st = services.get(s.module().replace("-service", ""));
            }
            if (!"UP".equalsIgnoreCase(st)) {
                out.add(s.module() + (st == null ? " (not reported)" : " (" + st + ")"));
            }
        }
        return out;
    }
}
