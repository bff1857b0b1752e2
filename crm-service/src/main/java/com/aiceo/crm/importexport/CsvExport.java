package com.aiceo.crm.importexport;

import com.aiceo.crm.lead.Lead;
import com.aiceo.crm.lead.LeadService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * All of an organization's leads as CSV (RFC 4180, UTF-8, CRLF, a header row), streamed from the database in
 * chunks of {@link #CHUNK} rows. Safe to open in a spreadsheet: a text cell that starts with {@code = + - @}
 * gets a leading apostrophe so it is not taken as a formula (the import takes it off again).
 */
@Component
class CsvExport {

    static final int CHUNK = 200;
    static final List<String> HEADER = List.of("id", "name", "email", "company", "title", "phone", "source", "priority",
            "status", "notes", "value", "score", "scoreModel", "lastActivityAt", "createdAt");

    private final LeadService leads;

    CsvExport(LeadService leads) {
        this.leads = leads;
    }

    Flux<String> export(UUID orgId) {
        return Flux.concat(Flux.just(print(List.of(HEADER))),
                leads.all(orgId).map(CsvExport::cells).buffer(CHUNK).map(CsvExport::print));
    }

    static List<Object> cells(Lead l) {
        return java.util.Arrays.asList(l.id(), safe(l.name()), safe(l.email()), safe(l.company()), safe(l.title()),
                safe(l.phone()), safe(l.source()), l.priority(), l.status(), safe(l.notes()),
                l.value() == null ? null : l.value().toPlainString(), l.score(), l.scoreModel(),
                l.lastActivityAt(), l.createdAt());
    }

    /** Neutralises spreadsheet formulas (CSV injection). */
    static String safe(String cell) {
        if (cell != null && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    private static String print(List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 160);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (List<?> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
