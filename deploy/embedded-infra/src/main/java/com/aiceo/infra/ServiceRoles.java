package com.aiceo.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One PostgreSQL login role per service, owning that service's schema and nothing else (see
 * {@link EmbeddedPostgres#ensureServiceRole}). Needs an administrator connection (a superuser or a
 * role with CREATEROLE that owns the database).
 */
public final class ServiceRoles {

    private ServiceRoles() {
    }

    public static void ensure(String jdbcUrl, String adminUser, String adminPassword, String schema, String role,
                              String password) {
        if (!schema.matches("[a-z_][a-z0-9_]*") || !role.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad schema or role name: " + schema + ", " + role);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, adminUser, adminPassword);
             Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
                    + "') THEN CREATE ROLE " + role + " LOGIN; END IF; END $$");
            try (PreparedStatement ps = c.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
                ps.setString(1, role);
                ps.setString(2, password);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    st.execute(rs.getString(1));
                }
            }
            st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + role);
            st.execute("ALTER SCHEMA " + schema + " OWNER TO " + role);
            st.execute("""
                    DO $$ DECLARE r record; BEGIN
                      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = '%1$s' LOOP
                        EXECUTE format('ALTER TABLE %%I.%%I OWNER TO %2$s', '%1$s', r.tablename);
                      END LOOP;
                      FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p
                               JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '%1$s' LOOP
                        EXECUTE format('ALTER FUNCTION %%s OWNER TO %2$s', r.f);
                      END LOOP;
                    END $$""".formatted(schema, role));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up role " + role + " for schema " + schema + ": "
                    + e.getMessage(), e);
        }
    }
}
