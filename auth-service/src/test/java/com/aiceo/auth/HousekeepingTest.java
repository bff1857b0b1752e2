package com.aiceo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.aiceo.auth.housekeeping.Housekeeping;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** Expired refresh-token families, old failed logins and long-expired invitations go; the rest stays. */
class HousekeepingTest extends AuthServiceComponentTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    Housekeeping housekeeping;

    private void token(UUID family, UUID user, UUID org, String expiresAt) {
        db.sql("INSERT INTO refresh_tokens (id, family_id, user_id, org_id, token_hash, expires_at) "
                        + "VALUES (:id, :f, :u, :o, :h, now() + CAST(:e AS interval))")
                .bind("id", UUID.randomUUID()).bind("f", family).bind("u", user).bind("o", org)
                .bind("h", UUID.randomUUID().toString()).bind("e", expiresAt)
                .fetch().rowsUpdated().block();
    }

    private long count(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void expiredFamiliesAndOldFailuresGoWhileLiveOnesStay() {
        Map<String, Object> session = AuthApi.register(web, AuthApi.uniqueEmail(), "Housekeeping");
        UUID user = AuthApi.userId(session);
        UUID org = AuthApi.orgId(session);
        UUID expired = UUID.randomUUID();
        UUID partlyLive = UUID.randomUUID();
        token(expired, user, org, "-3 days");
        token(expired, user, org, "-2 days");
        token(partlyLive, user, org, "-3 days"); // spent long ago, but its successor is live: keep the family
        token(partlyLive, user, org, "+20 days");
        String subject = "test-" + UUID.randomUUID();
        db.sql("INSERT INTO login_failures (subject_kind, subject, failed_at) VALUES "
                        + "('address', :s, now() - interval '2 days'), ('address', :s, now())")
                .bind("s", subject).fetch().rowsUpdated().block();

        long[] removed = housekeeping.purge().block();

        assertThat(removed[0]).isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE family_id = :id", expired)).isZero();
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE family_id = :id", partlyLive)).isEqualTo(2);
        assertThat(db.sql("SELECT count(*) FROM login_failures WHERE subject = :s").bind("s", subject)
                .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);
        // the session from registering is untouched and still refreshes
        web.post().uri("/api/auth/refresh").bodyValue(Map.of("refreshToken", AuthApi.refresh(session)))
                .exchange().expectStatus().isOk();
    }
}
