package com.aiceo.events.consumer;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells an infrastructure failure (the database unreachable, a connection lost, a deadlock, a
 * timeout) from a failure of the event itself. The former is retried until the infrastructure is
 * back — dead-lettering good events because PostgreSQL restarted would lose them in practice —
 * while the latter gets a few retries and then the dead-letter topic.
 */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    public static boolean isInfrastructure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof R2dbcTransientException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof ConnectException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
