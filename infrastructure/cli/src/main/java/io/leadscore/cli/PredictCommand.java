package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore predict ...}: trained weights, learnt from the leads' history and the sales verdicts. */
@Command(name = "predict", description = {"Predictive scoring: train a model's weights on its leads' recorded"
        + " history and sales verdicts; the run stores its report and, when it found something, a draft revision."},
        subcommands = TrainModel.class)
final class PredictCommand extends CommandGroup {
}
