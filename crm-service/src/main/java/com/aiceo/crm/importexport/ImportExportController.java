package com.aiceo.crm.importexport;

import com.aiceo.security.Caller;
import com.aiceo.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * POST /api/crm/leads/import (text/csv) and GET /api/crm/leads/export (text/csv). Any member may do both: they
 * touch only the caller's organization, exactly what the member could do lead by lead.
 */
@RestController
class ImportExportController {

    static final MediaType TEXT_CSV_UTF8 = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final CsvImport importer;
    private final CsvExport exporter;

    ImportExportController(CsvImport importer, CsvExport exporter) {
        this.importer = importer;
        this.exporter = exporter;
    }

    /** The body is read as a stream (not through a codec, so no in-memory limit applies and none is needed). */
    @PostMapping(path = "/api/crm/leads/import", consumes = {"text/csv", "application/csv", "text/plain"})
    Mono<ImportReport> importCsv(Caller caller, ServerHttpRequest request) {
        long length = request.getHeaders().getContentLength();
        if (length > importer.maxBytes()) {
            return Mono.error(ApiException.tooLarge("The CSV file is larger than " + importer.maxBytes()
                    + " bytes; split it."));
        }
        return importer.importCsv(caller.orgId(), request.getBody());
    }

    @GetMapping(path = "/api/crm/leads/export")
    ResponseEntity<Flux<String>> export(Caller caller) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV_UTF8)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"leads.csv\"")
                .body(exporter.export(caller.orgId()));
    }
}
