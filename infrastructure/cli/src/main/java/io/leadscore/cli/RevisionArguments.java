package io.leadscore.cli;

import picocli.CommandLine.Parameters;

/** {@code MODEL N}: one revision of one model, N a number or {@code published}. */
final class RevisionArguments {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id (the YAML's model:, e.g. default).")
    String modelId;

    @Parameters(index = "1", paramLabel = "N", converter = RevisionRef.Converter.class,
            description = "The revision's number, or published.")
    RevisionRef revision;

    int number(AdminApi api) {
        return revision.resolve(api, modelId);
    }
}
