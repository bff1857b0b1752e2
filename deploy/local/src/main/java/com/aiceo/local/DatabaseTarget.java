package com.aiceo.local;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the services' database lives: host, port, database name and credentials. */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

    public static final String DEFAULT_DATABASE = "aiceo";

    private static final Pattern URL = Pattern.compile(
            "^(?:jdbc:)?postgres(?:ql)?://(?:([^:@/]+)(?::([^@/]*))?@)?([^:/?]+|\\[[^]]+])(?::(\\d+))?(?:/([^?]*))?(?:\\?.*)?$");

    /**
     * Parses {@code jdbc:postgresql://host[:port]/db} (also {@code postgresql://user:pw@host:port/db});
     * the user and password come from the URL when it has them, else from DB_USER / DB_PASSWORD
     * (default postgres / empty); the database defaults to {@code aiceo}.
     */
    public static DatabaseTarget fromUrl(String url, Map<String, String> env) {
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must look like jdbc:postgresql://host:port/database, got '" + url + "'");
        }
        String user = m.group(1) != null ? m.group(1) : env.getOrDefault("DB_USER", "postgres");
        String password = m.group(2) != null ? m.group(2) : env.getOrDefault("DB_PASSWORD", "");
        String host = m.group(3);
        int port = m.group(4) != null ? Integer.parseInt(m.group(4)) : 5432;
        String db = m.group(5) == null || m.group(5).isBlank() ? DEFAULT_DATABASE : m.group(5);
        return new DatabaseTarget(host, port, db, user, password);
    }

    /** The same server and database, logged in as another role. */
    public DatabaseTarget as(String otherUser, String otherPassword) {
        return new DatabaseTarget(host, port, database, otherUser, otherPassword);
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }
}
