package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore feedback ...}: what sales said about leads, from the CRM. */
@Command(name = "feedback", description = "CRM verdicts on leads (accepted, rejected, opportunity, won, lost,"
        + " recycled).", subcommands = ImportFeedback.class)
final class FeedbackCommand extends CommandGroup {
}
