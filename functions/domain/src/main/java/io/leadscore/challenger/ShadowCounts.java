package io.leadscore.challenger;

import io.leadscore.lead.Lead;
import io.leadscore.lifecycle.Stage;
import io.leadscore.report.CounterItem;
import io.leadscore.report.Counts;
import io.leadscore.report.MqlEpisode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What a challenger's shadow lead counts for in the comparison report: per MQL episode (the challenger's own
 * crossings, judged by the verdicts the live lead received), on the day it became an MQL, the fields of
 * {@link #FIELDS} in the item {@value #FAMILY}/day/{@link Challenge#id()}. Kept at write time like the audit's
 * counters, so the report reads one item per day, never the leads.
 */
public final class ShadowCounts {
    public static final String FAMILY = "challenger";
    public static final String MQLS = "mqls";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    /** Went on to an opportunity or a won deal: the conversion the report compares. */
    public static final String CONVERTED = "converted";
    /** A lead's latest episodes only: each is an item of its day, and a transaction holds at most 100 items. */
    static final int MAX_EPISODES = 5;

    private ShadowCounts() {
    }

    /**
     * What the shadow lead counts for: its MQL episodes that began in the challenge, not those of the history it was
     * seeded with ({@link Challenge#seed}), which began before; nothing for a lead not written yet.
     */
    public static Counts of(Lead lead, String challengeId) {
        if (lead == null || lead.revision() == 0 || lead.mergedInto() != null) {
            return Counts.NONE;
        }
        Counts.Builder counts = Counts.builder();
        List<MqlEpisode> episodes = MqlEpisode.of(lead.stageHistory().stream()
                .filter(change -> !Challenge.BEFORE.equals(change.who())).toList());
        for (MqlEpisode episode : episodes.subList(Math.max(0, episodes.size() - MAX_EPISODES), episodes.size())) {
            CounterItem item = new CounterItem(FAMILY, LocalDate.ofInstant(episode.at(), ZoneOffset.UTC), challengeId);
            counts.add(item, MQLS, 1)
                    .add(item, ACCEPTED, episode.decision() == Stage.SQL ? 1 : 0)
                    .add(item, REJECTED, episode.decision() == Stage.REJECTED ? 1 : 0)
                    .add(item, CONVERTED, episode.opportunity() || episode.won() ? 1 : 0);
        }
        return counts.build();
    }

    /** What writing {@code after} over {@code before} changes in the challenge's counters. */
    public static Counts change(Lead before, Lead after, String challengeId) {
        return of(after, challengeId).minus(of(before, challengeId));
    }
}
