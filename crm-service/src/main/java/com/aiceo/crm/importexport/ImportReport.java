package com.aiceo.crm.importexport;

import java.util.List;

/**
 * The answer to a CSV import: how many leads were imported and which lines were not, with why. At most
 * {@link CsvImport#MAX_REPORTED} rejections are listed; {@code rejectedCount} counts them all.
 */
public record ImportReport(int imported, List<Rejected> rejected, int rejectedCount) {

    /** A line (1 = the header; a record spanning several lines is named by its first) and the reason. */
    public record Rejected(long line, String reason) {
    }
}
