package com.aiceo.agentic;

import com.aiceo.testsupport.ServiceComponentTest;

/** agentic-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class AgenticServiceComponentTest extends ServiceComponentTest {
}
