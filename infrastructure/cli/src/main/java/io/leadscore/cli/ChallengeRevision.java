package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models challenge MODEL N} (or {@code --stop}): a stored revision scored in shadow beside the published one. */
@Command(name = "challenge", description = {"Scores live events under revision N in shadow beside the published"
        + " revision (the champion): its scores and MQLs are stored apart, it notifies nobody and changes no live"
        + " score. One challenger at a time, never the published revision; publishing N promotes it."
        + " Compare the two with `models challenger MODEL`."})
final class ChallengeRevision extends Subcommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's id (the YAML's model:, e.g. default).")
    String modelId;

    @Parameters(index = "1", paramLabel = "N", arity = "0..1", description = "The revision to challenge with.")
    Integer number;

    @Option(names = "--stop", description = "Stop the running challenger instead (its report stays readable).")
    boolean stop;

    @Override
    public Integer call() {
        if (stop == (number != null)) {
            throw new Failure(ExitCode.USAGE, "name a revision N to challenge with, or --stop, not both");
        }
        if (number != null && number < 1) {
            throw new Failure(ExitCode.USAGE, "N is a revision number, 1 or more, not " + number);
        }
        Reply reply = stop ? api().stopChallenger(modelId) : api().challenge(modelId, number);
        if (format() == Format.JSON) {
            return printBody(reply);
        }
        JsonNode challenge = reply.json();
        new Table(stop ? "Challenger stopped" : "Challenger started", "model", "revision", "started", "by", "ended")
                .row(challenge.path("modelId").asText(), challenge.path("revision").asInt(),
                        challenge.path("startedAt").asText(), JsonText.of(challenge.path("startedBy")),
                        JsonText.of(challenge.path("endedAt")))
                .print(out(), format());
        return ExitCode.DONE;
    }
}
