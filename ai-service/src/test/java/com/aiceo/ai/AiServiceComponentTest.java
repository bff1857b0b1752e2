package com.aiceo.ai;

import com.aiceo.testsupport.ServiceComponentTest;

/** ai-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class AiServiceComponentTest extends ServiceComponentTest {
}
