package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore models ...}: a model's revisions, from a YAML file to a published, re-scored revision. */
@Command(name = "models", description = {"A scoring model's revisions: author the YAML, validate it, draft it,"
        + " compare it, backtest it, challenge the published one with it in shadow, publish it (publishing an"
        + " older revision rolls back)."},
        subcommands = {ListRevisions.class, ShowRevision.class, ExportRevision.class, DraftRevision.class,
                ValidateModel.class, CompareRevisions.class, BacktestRevision.class, PublishRevision.class,
                ChallengeRevision.class, ChallengerReport.class})
final class ModelsCommand extends CommandGroup {
}
