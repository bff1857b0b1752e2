package com.aiceo.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** CSV import (quoting, per-line report, de-duplication, limits) and export (round trip, formula-safe). */
class CsvImportExportTest extends CrmApiTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    private WebTestClient.ResponseSpec importCsv(String csv) {
        return web.post().uri("/api/crm/leads/import").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(CSV).bodyValue(csv.getBytes(StandardCharsets.UTF_8)).exchange();
    }

    private String export(String token) {
        return get(token, "/api/crm/leads/export").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(CSV)
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void importsQuotedFieldsAndReportsBadLinesByNumber() {
        String existing = uniqueEmail();
        createLead("email", existing);
        String csv = """
                Name,EMAIL,company,priority,status,value,notes,unknown column\r
                "Hopper, Grace",grace@navy.example,"US Navy, Inc.",High,qualified,1000.50,"said ""yes""\r
                call back monday",x\r
                Bad Email,not-an-email,,low,new,,,\r
                Too Valuable,tv@example.com,,,new,-3,,\r
                Second Grace,GRACE@navy.example,,,,,,\r
                Existing,%s,,,,,,\r
                ,nameless@example.com,,,,,,\r
                Alan Turing,alan@example.com,Bletchley,urgent,won,,,\r
                Joan Clarke,joan@example.com,Bletchley,,contacted,,,\r
                """.formatted(existing.toUpperCase());
        importCsv(csv).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(2)
                .jsonPath("$.rejectedCount").isEqualTo(6)
                .jsonPath("$.rejected.length()").isEqualTo(6)
                .jsonPath("$.rejected[0].line").isEqualTo(4) // the quoted record spans lines 2 and 3
                .jsonPath("$.rejected[0].reason").value(r -> assertThat((String) r).contains("email"))
                .jsonPath("$.rejected[1].line").isEqualTo(5)
                .jsonPath("$.rejected[1].reason").value(r -> assertThat((String) r).contains("value"))
                .jsonPath("$.rejected[2].line").isEqualTo(6)
                .jsonPath("$.rejected[2].reason").value(r -> assertThat((String) r).contains("duplicate"))
                .jsonPath("$.rejected[3].line").isEqualTo(7)
                .jsonPath("$.rejected[3].reason").value(r -> assertThat((String) r).contains("duplicate"))
                .jsonPath("$.rejected[4].line").isEqualTo(8)
                .jsonPath("$.rejected[4].reason").value(r -> assertThat((String) r).contains("name is required"))
                .jsonPath("$.rejected[5].line").isEqualTo(9)
                .jsonPath("$.rejected[5].reason").value(r -> assertThat((String) r).contains("priority"));

        get("/api/crm/leads?q=grace@navy").expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("Hopper, Grace")
                .jsonPath("$.items[0].company").isEqualTo("US Navy, Inc.")
                .jsonPath("$.items[0].priority").isEqualTo("high")
                .jsonPath("$.items[0].status").isEqualTo("qualified")
                .jsonPath("$.items[0].value").isEqualTo(1000.5)
                .jsonPath("$.items[0].notes").isEqualTo("said \"yes\"\r\ncall back monday")
                .jsonPath("$.items[0].score").isEqualTo(0.8);
        get("/api/crm/leads").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(3);
    }

    @Test
    void exportsEveryLeadAsFormulaSafeCsvThatImportsBackTheSame() {
        createLead("name", "=HYPERLINK(\"http://evil.example\")", "company", "@SUM(A1:A2)", "phone", "+1 555 0100",
                "title", "-VP-", "notes", "line one\nline two, with comma", "value", 99.9, "priority", "high");
        createLead("name", "Plain Person", "company", null, "source", null);
        String csv = export(token);

        List<CSVRecord> records = parse(csv);
        assertThat(records.get(0).values()).startsWith("id", "name", "email", "company");
        assertThat(records).hasSize(3);
        CSVRecord evil = records.stream().filter(r -> r.get(1).contains("HYPERLINK")).findFirst().orElseThrow();
        assertThat(evil.get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(evil.get(3)).isEqualTo("'@SUM(A1:A2)");
        assertThat(evil.get(4)).isEqualTo("'-VP-");
        assertThat(evil.get(5)).isEqualTo("'+1 555 0100");
        assertThat(evil.get(9)).isEqualTo("line one\nline two, with comma");
        assertThat(evil.get(10)).isEqualTo("99.90");
        for (CSVRecord record : records) {
            for (String cell : record.values()) {
                assertThat(cell).as("no cell starts a formula").doesNotStartWith("=").doesNotStartWith("@")
                        .doesNotStartWith("+");
            }
        }

        // round trip into another organization: the same leads, apostrophes taken off again
        UUID orgB = UUID.randomUUID();
        String tokenB = tokenFor(orgB);
        web.post().uri("/api/crm/leads/import").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenB)
                .contentType(CSV).bodyValue(csv).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.imported").isEqualTo(2)
                .jsonPath("$.rejected.length()").isEqualTo(0);
        get(tokenB, "/api/crm/leads?q=hyperlink").expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].name").isEqualTo("=HYPERLINK(\"http://evil.example\")")
                .jsonPath("$.items[0].company").isEqualTo("@SUM(A1:A2)")
                .jsonPath("$.items[0].phone").isEqualTo("+1 555 0100")
                .jsonPath("$.items[0].title").isEqualTo("-VP-")
                .jsonPath("$.items[0].notes").isEqualTo("line one\nline two, with comma")
                .jsonPath("$.items[0].priority").isEqualTo("high");
        List<CSVRecord> again = parse(export(tokenB));
        assertThat(again).hasSize(3);
        assertThat(again.stream().map(r -> r.get(2)).sorted().toList())
                .isEqualTo(records.stream().map(r -> r.get(2)).sorted().toList());
    }

    @Test
    void importsManyRowsAcrossBatchesInOneGo() {
        StringBuilder csv = new StringBuilder("name,email,company\n");
        for (int i = 0; i < 2_100; i++) {
            csv.append("Lead ").append(i).append(",bulk-").append(i).append("@example.com,Co ").append(i % 7).append('\n');
        }
        csv.append("Dup,bulk-5@example.com,\n");
        importCsv(csv.toString()).expectStatus().isOk().expectBody()
                .jsonPath("$.imported").isEqualTo(2_100)
                .jsonPath("$.rejected.length()").isEqualTo(1)
                .jsonPath("$.rejected[0].line").isEqualTo(2_102);
        get("/api/crm/leads?size=1").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2_100);
        // one crm.lead.created per imported lead, in the file's order, written in bulk to the outbox
        awaitEvents(org, records -> {
            assertThat(records).hasSize(2_100).allSatisfy(r -> assertThat(typeOf(r)).isEqualTo("crm.lead.created"));
            assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain("@example.com"));
        });
    }

    @Test
    void refusesAFileWithoutTheNeededHeaderOrNotCsv() {
        importCsv("").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        importCsv("first,second\nAda,ada@example.com\n").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("name and email"));
        importCsv("name,email\n\"Ada,ada@example.com\n").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.post().uri("/api/crm/leads/import").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(415);
        get("/api/crm/leads").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void aFileOverTheRowLimitIsRefusedWith413AndImportsNothing() {
        StringBuilder csv = new StringBuilder("name,email\n");
        csv.append("First,first@example.com\n");
        for (int i = 0; i < 50_000; i++) {
            csv.append("x,\n"); // invalid rows: cheap to parse, nothing to insert
        }
        importCsv(csv.toString()).expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("50000 rows"));
        get("/api/crm/leads").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void aBodyOverTheByteLimitIsRefusedWith413WithOrWithoutContentLength() {
        byte[] row = ("Big Row,not-an-email," + "padding ".repeat(50) + "\n").getBytes(StandardCharsets.UTF_8);
        int rows = (10 * 1024 * 1024) / row.length + 10;
        // announced length over the limit: refused before reading
        byte[] big = new byte[row.length * rows + 11];
        System.arraycopy("name,email\n".getBytes(StandardCharsets.UTF_8), 0, big, 0, 11);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(row, 0, big, 11 + i * row.length, row.length);
        }
        web.post().uri("/api/crm/leads/import").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(CSV).bodyValue(big).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // streamed (chunked, no Content-Length): refused once the limit is read
        Flux<DataBuffer> chunks = Flux.range(0, rows / 1000 + 1).map(i -> {
            byte[] chunk = new byte[(i == 0 ? 11 : 0) + row.length * 1000];
            int offset = 0;
            if (i == 0) {
                System.arraycopy("name,email\n".getBytes(StandardCharsets.UTF_8), 0, chunk, 0, 11);
                offset = 11;
            }
            for (int r = 0; r < 1000; r++) {
                System.arraycopy(row, 0, chunk, offset + r * row.length, row.length);
            }
            return DefaultDataBufferFactory.sharedInstance.wrap(chunk);
        });
        web.post().uri("/api/crm/leads/import").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(CSV).body(chunks, DataBuffer.class).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("bytes"));
    }

    @Test
    void aWonOrLostImportDoesNotBreakScoring() {
        StringBuilder csv = new StringBuilder("name,email,status\n");
        for (int i = 0; i < 3; i++) {
            csv.append("W").append(i).append(",w").append(i).append("@example.com,won\n");
        }
        importCsv(csv.toString()).expectStatus().isOk().expectBody().jsonPath("$.imported").isEqualTo(3);
        get("/api/crm/leads?status=won").expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(3)
                .jsonPath("$.items[0].scoreModel").isEqualTo("prior");
    }

    private static List<CSVRecord> parse(String csv) {
        try {
            return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
