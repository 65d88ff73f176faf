package io.leadscore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code privacy export LEAD}: everything stored about a person, as the API's one JSON document (data portability). */
@Command(name = "export", description = "Everything stored about a lead as one JSON document, printed as it came.")
final class ExportLead extends Subcommand {
    @Parameters(index = "0", paramLabel = "LEAD", description = "The lead's id.")
    String leadId;

    @Override
    public Integer call() {
        return printBody(api().exportLead(leadId));
    }
}
