package com.aiceo.crm.importexport;

import com.aiceo.crm.lead.LeadFields;
import com.aiceo.crm.lead.LeadService;
import com.aiceo.crm.scoring.LogisticModel;
import com.aiceo.web.ApiException;
import com.aiceo.web.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Imports leads from CSV (UTF-8, a header row naming the columns — {@link LeadFields#COLUMNS}, any order,
 * case-insensitive, unknown columns ignored — RFC 4180 quoting, so fields may hold commas, quotes and line
 * breaks) in bounded memory: the body is read as a stream, parsed on a worker thread and inserted in batches
 * of {@link #BATCH} rows, with backpressure all the way. The whole import is ONE transaction: the report
 * describes exactly what was committed, and a file over the limits ({@code crm.import.max-bytes}, default
 * 10 MiB = 10485760 bytes; {@code crm.import.max-rows}, default 50,000 data rows) is refused with 413 and imports nothing.
 * Each row is validated as a POST would be; a row whose email the organization already has (or an earlier
 * line of the file had) is rejected as a duplicate. The organization's model is retrained once at the end if
 * the file brought won/lost leads.
 */
@Component
class CsvImport {

    static final int BATCH = 500;
    static final int MAX_REPORTED = 1000;

    private final LeadService leads;
    private final TransactionalOperator tx;
    private final long maxBytes;
    private final long maxRows;

    CsvImport(LeadService leads, TransactionalOperator tx,
              @Value("${crm.import.max-bytes:10485760}") long maxBytes,
              @Value("${crm.import.max-rows:50000}") long maxRows) {
        this.leads = leads;
        this.tx = tx;
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** A parsed data row: its first line and its cells by lower-case column name. */
    record Row(long line, Map<String, String> cells) {
    }

    private static final class Tally {
        int imported;
        int rejectedCount;
        boolean outcomes;
        final List<ImportReport.Rejected> rejected = new ArrayList<>();

        void reject(long line, String reason) {
            rejectedCount++;
            if (rejected.size() < MAX_REPORTED) {
                rejected.add(new ImportReport.Rejected(line, reason));
            }
        }
    }

    Mono<ImportReport> importCsv(UUID orgId, Flux<DataBuffer> body) {
        Tally tally = new Tally();
        Mono<ImportReport> work = leads.modelForImport(orgId).flatMap(model -> rows(body)
                .buffer(BATCH)
                .concatMap(batch -> insert(orgId, batch, model.orElse(null), tally), 1)
                .then(Mono.fromSupplier(() -> new ImportReport(tally.imported, List.copyOf(tally.rejected),
                        tally.rejectedCount))));
        return tx.transactional(work).doOnSuccess(report -> {
            if (tally.outcomes) {
                leads.outcomesChanged(orgId);
            }
        });
    }

    private Mono<Void> insert(UUID orgId, List<Row> batch, LogisticModel model, Tally tally) {
        List<LeadFields> valid = new ArrayList<>(batch.size());
        List<Long> lines = new ArrayList<>(batch.size());
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        for (Row row : batch) {
            Validation v = new Validation();
            LeadFields fields;
            try {
                fields = LeadFields.fromCsv(row.cells()::get, v).validate(v);
                v.throwIfAny();
            } catch (ApiException e) {
                rejected.add(new ImportReport.Rejected(row.line(), e.errors().entrySet().stream()
                        .map(x -> x.getKey() + " " + x.getValue()).collect(Collectors.joining("; "))));
                continue;
            }
            valid.add(fields);
            lines.add(row.line());
        }
        return leads.insertImported(orgId, valid, model).doOnNext(inserted -> {
            for (int i = 0; i < inserted.size(); i++) {
                if (inserted.get(i)) {
                    tally.imported++;
                    tally.outcomes |= valid.get(i).closed();
                } else {
                    rejected.add(new ImportReport.Rejected(lines.get(i),
                            "email is a duplicate of an existing lead or an earlier line"));
                }
            }
            rejected.sort(java.util.Comparator.comparingLong(ImportReport.Rejected::line));
            rejected.forEach(r -> tally.reject(r.line(), r.reason()));
        }).then();
    }

    /** The data rows of the body, parsed lazily on a worker thread (pulls the body as rows are requested). */
    Flux<Row> rows(Flux<DataBuffer> body) {
        return Flux.<Row, Rows>generate(() -> new Rows(new LimitedInputStream(
                                DataBufferUtils.subscriberInputStream(body, 4), maxBytes), maxRows),
                        (rows, sink) -> {
                            Row next = rows.next();
                            if (next == null) {
                                sink.complete();
                            } else {
                                sink.next(next);
                            }
                            return rows;
                        }, Rows::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The parser's state: header, line numbers, row count. */
    private static final class Rows {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final long maxRows;
        private final Map<Integer, String> columns = new HashMap<>();
        private long lastLine;
        private long count;

        Rows(InputStream in, long maxRows) {
            this.maxRows = maxRows;
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            try {
                this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get().parse(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.records = parser.iterator();
            header();
        }

        private void header() {
            CSVRecord header = nextRecord();
            if (header == null) {
                throw ApiException.badRequest("The CSV file is empty: it needs a header row.");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (i == 0 && name.startsWith("\ufeff")) {
                    name = name.substring(1).strip();
                }
                if (LeadFields.COLUMNS.contains(name) && seen.add(name)) {
                    columns.put(i, name);
                }
            }
            if (!seen.contains("name") || !seen.contains("email")) {
                throw ApiException.badRequest("The CSV header must name at least the columns name and email"
                        + " (known columns: " + String.join(", ", LeadFields.COLUMNS) + ").");
            }
        }

        Row next() {
            long line = lastLine + 1;
            CSVRecord record = nextRecord();
            if (record == null) {
                return null;
            }
            if (++count > maxRows) {
                throw ApiException.tooLarge("The CSV file has more than " + maxRows + " rows; split it.");
            }
            Map<String, String> cells = new HashMap<>();
            columns.forEach((index, name) -> {
                if (index < record.size()) {
                    cells.put(name, record.get(index));
                }
            });
            return new Row(line, cells);
        }

        private CSVRecord nextRecord() {
            try {
                if (!records.hasNext()) {
                    return null;
                }
                CSVRecord record = records.next();
                lastLine = parser.getCurrentLineNumber();
                return record;
            } catch (UncheckedIOException | IllegalStateException e) {
                Throwable cause = e;
                while (cause != null) {
                    if (cause instanceof ApiException api) {
                        throw api;
                    }
                    cause = cause.getCause();
                }
                throw ApiException.badRequest("The CSV file could not be read after line " + lastLine
                        + " (check quoting and that it is UTF-8).");
            }
        }

        void close() {
            try {
                parser.close();
            } catch (IOException | RuntimeException e) {
                // the request is over either way
            }
        }
    }

    /** Counts what is read and stops at the limit with a 413 (for bodies without a Content-Length). */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private final long max;
        private long read;

        LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw ApiException.tooLarge("The CSV file is larger than " + max + " bytes; split it.");
            }
        }
    }
}
