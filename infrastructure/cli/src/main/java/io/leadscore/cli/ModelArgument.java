package io.leadscore.cli;

import picocli.CommandLine.Parameters;

/** The first argument of every models command that talks to the API: which model. */
final class ModelArgument {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id (the YAML's model:, e.g. default).")
    String modelId;
}
