package io.leadscore.cli;

import io.leadscore.bulk.LeadMapping;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code import leads FILE.csv --mapping hubspot|mautic|marketo|MAPPING.yaml}: a CRM's contact export, each row the
 * identify event of a lead at the time the row was last modified.
 */
@Command(name = "leads", description = {"A CRM's contact export (CSV with a header row), each row a lead's profile:"
        + " an identify event at the row's last-modified time, whose id is derived from the lead and that time, so"
        + " the same export imported again comes back as duplicates.",
        "Ready-made mappings: hubspot, mautic, marketo; or a YAML file of your own (README, Importing history)."},
        footer = {"%nExamples:",
                "  leadscore import leads contacts.csv --mapping hubspot",
                "  leadscore import leads people.csv --mapping my-crm.yaml --rate 200/s"})
final class ImportLeads extends HistoryImportCommand {
    @Parameters(index = "0", paramLabel = "FILE.csv", description = "The export: a header row, then a contact a row.")
    Path file;

    @Option(names = "--mapping", required = true, paramLabel = "NAME|FILE", description = "Which columns make the"
            + " lead's id, time and profile: hubspot, mautic, marketo, or a mapping file (YAML).")
    String mappingName;

    private LeadMapping mapping;

    @Override
    Path file() {
        return file;
    }

    @Override
    String kind() {
        return "leads " + mapping().name();
    }

    @Override
    ImportRows open(long offset, long line) throws IOException {
        return CsvLeadRows.open(file, mapping(), offset, line);
    }

    private LeadMapping mapping() {
        if (mapping == null) {
            mapping = MappingOption.named(mappingName);
        }
        return mapping;
    }
}
