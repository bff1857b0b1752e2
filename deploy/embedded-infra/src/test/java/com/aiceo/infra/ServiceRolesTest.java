package com.aiceo.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a real PostgreSQL: a service's role owns its schema and cannot touch another's. */
class ServiceRolesTest {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = EmbeddedPostgres.start(0, null);
        pg.createDatabase("roles_test");
        pg.ensureServiceRole("roles_test", "alpha", "alpha_service", "a-secret");
        pg.ensureServiceRole("roles_test", "beta", "beta_service", "b-secret");
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static Connection as(String user, String password) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl("roles_test"), user, password);
    }

    @Test
    void aServiceOwnsItsSchemaAndCannotReadAnothers() throws SQLException {
        try (Connection a = as("alpha_service", "a-secret"); Statement st = a.createStatement()) {
            st.execute("CREATE TABLE alpha.thing (id int)");
            st.execute("INSERT INTO alpha.thing VALUES (1)");
        }
        try (Connection b = as("beta_service", "b-secret"); Statement st = b.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM alpha.thing"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.execute("CREATE TABLE public.sneaky (id int)"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void settingUpAgainIsHarmlessAndHandsOverObjectsCreatedByTheAdministrator() throws SQLException {
        try (Connection admin = as(pg.user(), pg.password()); Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE beta.legacy (id int)");
        }
        pg.ensureServiceRole("roles_test", "beta", "beta_service", "b-secret-2");
        try (Connection b = as("beta_service", "b-secret-2"); Statement st = b.createStatement();
             ResultSet rs = st.executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = 'legacy'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("beta_service");
            st.execute("INSERT INTO beta.legacy VALUES (1)");
        }
    }
}
