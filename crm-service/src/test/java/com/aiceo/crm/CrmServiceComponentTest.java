package com.aiceo.crm;

import com.aiceo.testsupport.ServiceComponentTest;

/** crm-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class CrmServiceComponentTest extends ServiceComponentTest {
}
