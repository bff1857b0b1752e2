package com.aiceo.auth;

import com.aiceo.testsupport.ServiceComponentTest;

/** auth-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class AuthServiceComponentTest extends ServiceComponentTest {
}
