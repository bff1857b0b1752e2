package com.aiceo.billing;

import com.aiceo.testsupport.ServiceComponentTest;

/** billing-service on real PostgreSQL and Kafka: the platform contract of {@link ServiceComponentTest}. */
class BillingServiceComponentTest extends ServiceComponentTest {
}
