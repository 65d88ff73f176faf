package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore import ...}: history from before leadscore, through the admin import route. */
@Command(name = "import", description = "Import recorded history (events older than the API's age limit, leads'"
        + " profiles from a CRM's export) through the admin import route: batches under a rate limit, a progress"
        + " bar, resumable after an interruption, the rejected rows written to a file with their errors.",
        subcommands = {ImportEvents.class, ImportLeads.class})
final class ImportCommand extends CommandGroup {
}
