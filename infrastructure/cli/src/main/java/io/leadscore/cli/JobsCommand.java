package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore jobs ...}: the jobs a backtest or a publish started, e.g. after {@code --no-wait}. */
@Command(name = "jobs", description = "The jobs a backtest or a publish started.", subcommands = ShowJob.class)
final class JobsCommand extends CommandGroup {
}
