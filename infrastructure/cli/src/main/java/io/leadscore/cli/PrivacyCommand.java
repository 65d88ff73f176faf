package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore privacy ...}: the rights of the people being scored, erasure and export. */
@Command(name = "privacy", description = "Erase a person's data, or export it as one JSON document.",
        subcommands = {EraseLead.class, ExportLead.class})
final class PrivacyCommand extends CommandGroup {
}
