package io.leadscore.aws.dynamodb;

import io.leadscore.activity.Activity;
import io.leadscore.lead.LeadScorer;
import io.leadscore.scoring.ScoringRun;

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
}
