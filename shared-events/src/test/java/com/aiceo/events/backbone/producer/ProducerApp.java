package com.aiceo.events.backbone.producer;

import com.aiceo.events.outbox.Outbox;
import com.aiceo.events.tasks.TaskEvent;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** A stand-in producing service: a domain write (a widget row) and its event, in one transaction. */
@SpringBootApplication
public class ProducerApp {

    @Service
    public static class Widgets {
        private final DatabaseClient db;
        private final Outbox outbox;
        private final TransactionalOperator tx;

        Widgets(DatabaseClient db, Outbox outbox, TransactionalOperator tx) {
            this.db = db;
            this.outbox = outbox;
            this.tx = tx;
        }

        /** Writes a widget and its event; with {@code failAfterWrite} the transaction rolls back. */
        public Mono<UUID> create(UUID orgId, int seq, boolean failAfterWrite) {
            UUID id = UUID.randomUUID();
            Mono<UUID> work = db.sql("INSERT INTO widget (id, org_id, seq) VALUES (:id, :org, :seq)")
                    .bind("id", id).bind("org", orgId).bind("seq", seq)
                    .fetch().rowsUpdated()
                    .then(outbox.append(orgId, new TaskEvent.TaskStarted(id, "widget", seq)))
                    .flatMap(e -> failAfterWrite
                            ? Mono.error(new IllegalStateException("business rule failed after the write"))
                            : Mono.just(e.id()));
            return tx.transactional(work);
        }

        public Mono<Long> count(UUID orgId) {
            return db.sql("SELECT count(*) AS n FROM widget WHERE org_id = :org").bind("org", orgId)
                    .map(r -> r.get("n", Long.class)).one();
        }
    }
}
