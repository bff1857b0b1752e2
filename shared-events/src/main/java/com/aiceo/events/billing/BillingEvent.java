package com.aiceo.events.billing;

import com.aiceo.events.Event;
import com.aiceo.events.EventName;
import java.time.Instant;

/** Domain events of billing-service, on {@code billing.events}. */
public sealed interface BillingEvent extends Event {

    /**
     * The organization's plan or subscription status changed; services that enforce limits keep
     * a local copy. plan: free | pro | enterprise; status: active | trialing | past_due | canceled.
     */
    @EventName("billing.plan.changed")
    record PlanChanged(String plan, String status, int tasksLimit, int postsLimit, int emailsLimit,
                       Instant currentPeriodEnd, Instant changedAt) implements BillingEvent {}
}
