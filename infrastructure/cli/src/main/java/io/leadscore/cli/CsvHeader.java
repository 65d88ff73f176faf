package io.leadscore.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * A CSV file's column names, against which a mapping is checked before anything is sent: a column the file lacks
 * is a usage error that lists the columns it has, so a wrong export or a typo is fixed in one go.
 */
record CsvHeader(Path file, List<String> names) {
    boolean has(String column) {
        return names.contains(column);
    }

    /** Fails when the file has no {@code column}; {@code option} is what named it, e.g. "--map leadId=Mail". */
    void require(String option, String column) {
        if (!has(column)) {
            throw new Failure(ExitCode.USAGE, option + ": " + file.getFileName() + " has no column '" + column
                    + "' (columns: " + String.join(", ", new TreeSet<>(names)) + ")");
        }
    }
}
