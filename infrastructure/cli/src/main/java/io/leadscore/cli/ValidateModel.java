package io.leadscore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.model.ModelException;
import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code models validate FILE}: offline, with the same strict loader the API and the functions use, so a file that
 * passes here is refused by the API only for what needs the server (e.g. a model id that is not this model's).
 */
@Command(name = "validate", description = {"Checks a model's YAML offline with the same strict loader the API uses,"
        + " and prints every problem with its place. Exits 1 when the model is invalid."})
final class ValidateModel extends Subcommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The loader's problems read "place: what"; a place has no spaces ("rules[2].when.url"). */
    private static final Pattern PLACED = Pattern.compile("([^\\s:]+): (.*)", Pattern.DOTALL);

    @Parameters(index = "0", paramLabel = "FILE", description = "The model's YAML file.")
    Path file;

    /** One problem, with the API's names for its two parts. */
    record Problem(String field, String problem) {
        static Problem of(String text) {
            Matcher m = PLACED.matcher(text);
            return m.matches() ? new Problem(m.group(1), m.group(2)) : new Problem("(file)", text);
        }
    }

    @Override
    public Integer call() throws Exception {
        String yaml = ModelFile.read(file);
        String name = file.getFileName().toString();
        ScoringModel model;
        try {
            model = ModelLoader.parse(yaml, name);
        } catch (ModelException e) {
            return invalid(name, e.problems().stream().map(Problem::of).toList());
        }
        if (format() == Format.JSON) {
            ObjectNode valid = JSON.createObjectNode().put("file", name).put("valid", true).put("model", model.id())
                    .put("rules", model.rules().size()).put("fitRules", model.fitRules().size())
                    .put("thresholds", model.thresholds().size()).put("groups", model.groups().size());
            out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(valid));
        } else if (format() == Format.CSV) {
            new Table(null, "field", "problem").print(out(), format());
        } else {
            out().printf("%s: valid (model %s: %d rules, %d fit rules, %d thresholds, %d groups)%n", name, model.id(),
                    model.rules().size(), model.fitRules().size(), model.thresholds().size(), model.groups().size());
        }
        out().flush();
        return ExitCode.DONE;
    }

    private int invalid(String name, List<Problem> problems) throws Exception {
        if (format() == Format.JSON) {
            ObjectNode invalid = JSON.createObjectNode().put("file", name).put("valid", false);
            ArrayNode list = invalid.putArray("problems");
            problems.forEach(p -> list.addObject().put("field", p.field()).put("problem", p.problem()));
            out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(invalid));
        } else {
            if (format() == Format.TABLE) {
                out().println(name + ": invalid, " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            }
            Table table = new Table(null, "field", "problem");
            problems.forEach(p -> table.row(p.field(), p.problem()));
            table.print(out(), format());
        }
        out().flush();
        return ExitCode.FAILED;
    }
}
