package com.aiceo.tasks;

import com.aiceo.testsupport.ServiceComponentTest;

/** task-worker-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class TaskWorkerServiceComponentTest extends ServiceComponentTest {
}
