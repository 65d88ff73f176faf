package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code privacy erase LEAD|EMAIL}: erases a person. An email is first resolved to the leads whose profile holds it
 * (every one is erased); the API keeps no index of emails, so that lookup reads every lead once.
 */
@Command(name = "erase", description = {"Erase everything stored about a person: their lead (or every lead with the"
        + " email), its activities, ledger, announcements and deliveries, merged visitors and account share. Late"
        + " events for an erased lead are refused.", "An email is looked up among every lead: a read of the whole"
        + " lead index."})
final class EraseLead extends Subcommand {
    @Parameters(index = "0", paramLabel = "LEAD|EMAIL", description = "The lead's id, or an email (with an @).")
    String person;

    @Override
    public Integer call() {
        AdminApi api = api();
        List<String> leadIds = person.contains("@") ? withEmail(api) : List.of(person);
        if (leadIds.isEmpty()) {
            err().println("no lead has the email " + person);
            return ExitCode.FAILED;
        }
        List<JsonNode> answers = new ArrayList<>();
        leadIds.forEach(leadId -> answers.add(api.erase(leadId).json()));
        if (format() == Format.JSON) {
            return printBody(JsonNodeFactory.instance.arrayNode().addAll(answers).toString());
        }
        answers.forEach(erased -> out().println("erased " + erased.get("leadId").asText() + ": "
                + erased.get("activities").asInt() + " activities, " + erased.get("ledgerEntries").asInt()
                + " ledger entries, " + erased.get("announcements").asInt() + " announcements, "
                + erased.get("deliveries").asInt() + " deliveries, " + erased.get("visitors").size()
                + " merged visitors, " + (erased.get("accountShare").isNull() ? "no account share"
                : "its share of " + erased.get("accountShare").asText())));
        out().flush();
        return ExitCode.DONE;
    }

    private List<String> withEmail(AdminApi api) {
        List<String> leadIds = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.leadsWithEmail(person, cursor).json();
            page.get("items").forEach(row -> leadIds.add(row.get("leadId").asText()));
            cursor = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (cursor != null);
        return leadIds;
    }
}
