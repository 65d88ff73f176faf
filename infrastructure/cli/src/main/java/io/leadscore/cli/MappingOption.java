package io.leadscore.cli;

import io.leadscore.bulk.LeadMapping;

import java.nio.file.Path;

/** {@code --mapping}: a ready-made mapping by name, or a mapping file; what is wrong with it is a usage error. */
final class MappingOption {
    private MappingOption() {
    }

    static LeadMapping named(String nameOrFile) {
        try {
            return LeadMapping.readyMade(nameOrFile).orElseGet(() -> {
                Path file = Path.of(nameOrFile);
                return LeadMapping.parse(file.getFileName().toString(), ModelFile.read(file));
            });
        } catch (LeadMapping.Invalid e) {
            throw new Failure(ExitCode.USAGE, "--mapping " + e.getMessage());
        }
    }
}
