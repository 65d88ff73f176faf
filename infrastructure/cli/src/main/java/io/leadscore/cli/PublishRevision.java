package io.leadscore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code models publish MODEL N}: the revision every function scores with from now on, and every lead re-scored. */
@Command(name = "publish", description = {"Publishes a revision and re-scores every lead under it; publishing an"
        + " older revision is the rollback. Waits with a progress bar, then prints the counts. Thresholds the"
        + " re-score crosses are re-armed silently unless --announce."})
final class PublishRevision extends JobSubcommand {
    @Mixin
    RevisionArguments revision;

    @Option(names = "--announce", description = "Announce the crossings the re-score causes (sales is notified)."
            + " Off by default: a model change must not flood sales by accident.")
    boolean announce;

    @Override
    public Integer call() {
        AdminApi api = api();
        return follow(api, api.publish(revision.modelId, revision.number(api), announce));
    }
}
