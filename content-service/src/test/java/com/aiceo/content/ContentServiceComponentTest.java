package com.aiceo.content;

import com.aiceo.testsupport.ServiceComponentTest;

/** content-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class ContentServiceComponentTest extends ServiceComponentTest {
}
