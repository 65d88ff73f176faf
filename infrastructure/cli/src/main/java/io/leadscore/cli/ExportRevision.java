package io.leadscore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code models export MODEL N [-o FILE]}: a revision's YAML as stored, the start of the next revision. */
@Command(name = "export", description = "A revision's YAML as it was stored: edit it, validate it, draft it.")
final class ExportRevision extends Subcommand {
    @Mixin
    RevisionArguments revision;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the YAML here (default: stdout).")
    Path output;

    @Override
    public Integer call() {
        AdminApi api = api();
        int number = revision.number(api);
        String yaml = api.revisionYaml(revision.modelId, number).body();
        if (output == null) {
            return printBody(yaml);
        }
        ModelFile.write(output, yaml);
        err().println("wrote revision " + number + " of model " + revision.modelId + " to " + output);
        return ExitCode.DONE;
    }
}
