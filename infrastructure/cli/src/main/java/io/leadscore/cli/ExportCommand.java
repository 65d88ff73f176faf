package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore export ...}: the deployment's data for a CRM or a warehouse. */
@Command(name = "export", description = "Export the scored leads for a CRM or a warehouse, as CSV or JSON Lines.",
        subcommands = {ExportLeads.class})
final class ExportCommand extends CommandGroup {
}
