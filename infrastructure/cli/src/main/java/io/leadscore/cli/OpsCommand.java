package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore ops ...}: operating a deployment (README "Operations"). */
@Command(name = "ops", description = "Operating a deployment: the redrive of failed batches.",
        subcommands = RunRedrive.class)
final class OpsCommand extends CommandGroup {
}
