package com.aiceo.auth;

import com.aiceo.testsupport.ServiceComponentTest;

/**
 * auth-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}.
 * auth-service checks tokens with its own signing keys (not the test JWKS), so a valid token comes
 * from registering through its API; unknown paths are public here, so the protected path is one
 * under {@code /api/orgs/**} that has no handler.
 */
class AuthServiceComponentTest extends ServiceComponentTest {

    @Override
    protected String validToken() {
        return AuthApi.access(AuthApi.register(web, AuthApi.uniqueEmail(), "Contract Org"));
    }

    @Override
    protected String protectedPath() {
        return "/api/orgs/no-such-thing/nothing";
    }
}
