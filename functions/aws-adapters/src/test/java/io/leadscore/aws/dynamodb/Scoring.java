package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.lead.LeadScorer;
import io.leadscore.model.ModelLoader;
import io.leadscore.scoring.ScoringRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Scores as the score function does (a batch in account groups, each through a {@link ScoringRun}), one group at a time. */
final class Scoring {
    private Scoring() {
    }

    static List<ScoringRun.Applied> score(LeadStore store, Map<String, List<Activity>> batch, LeadScorer scorer) {
        ScoringRun run = new ScoringRun(store, scorer.model(), Clock.systemUTC());
        return run.groups(batch).stream().flatMap(group -> run.apply(group).stream()).toList();
    }

    static ScoringRun.Applied score(LeadStore store, String leadId, List<Activity> activities, LeadScorer scorer) {
        return score(store, Map.of(leadId, activities), scorer).get(0);
    }

    /** The shipped model, with its account aggregate replaced by {@code aggregate} (e.g. {@code aggregate: max}). */
    static LeadScorer withAggregate(String aggregate) {
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.DEFAULT_MODEL)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new LeadScorer(ModelLoader.parse(yaml.replace("aggregate: sum", aggregate), "default-model.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
