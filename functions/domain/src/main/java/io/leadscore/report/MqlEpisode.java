package io.leadscore.report;

import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One time a lead became an MQL, and what sales made of it before it became one again: the first acceptance
 * ({@code sql}) or rejection decides it, and whether it went on to an opportunity, a won or a lost deal.
 *
 * @param acceptedAt when it was accepted; null unless {@code decision} is {@link Stage#SQL}
 * @param decision   {@link Stage#SQL}, {@link Stage#REJECTED}, or null while pending
 * @param reason     the rep's reason for a rejection
 */
public record MqlEpisode(Instant at, Stage decision, Instant acceptedAt, String reason, boolean opportunity,
                         boolean won, boolean lost) {
    /** A verdict weeks late is still counted, in a bounded histogram: acceptances later than this count as this. */
    public static final Duration MAX_TIME_TO_ACCEPTANCE = Duration.ofDays(90);

    /** The episodes of a stage history, oldest first. */
    public static List<MqlEpisode> of(List<StageChange> history) {
        List<MqlEpisode> episodes = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).to() != Stage.MQL) {
                continue;
            }
            StageChange decided = null;
            boolean opportunity = false;
            boolean won = false;
            boolean lost = false;
            for (int j = i + 1; j < history.size() && history.get(j).to() != Stage.MQL; j++) {
                StageChange change = history.get(j);
                if (decided == null && (change.to() == Stage.SQL || change.to() == Stage.REJECTED)) {
                    decided = change;
                }
                opportunity |= change.to() == Stage.OPPORTUNITY;
                won |= change.to() == Stage.WON;
                lost |= change.to() == Stage.LOST;
            }
            Stage decision = decided == null ? null : decided.to();
            episodes.add(new MqlEpisode(history.get(i).at(), decision,
                    decision == Stage.SQL ? decided.at() : null, decision == Stage.REJECTED ? decided.why() : null,
                    opportunity, won, lost));
        }
        return episodes;
    }

    /**
     * Whole hours from MQL to acceptance, from 0 (a CRM may date its verdict before the scoring saw the threshold)
     * to {@link #MAX_TIME_TO_ACCEPTANCE}; -1 when not accepted.
     */
    public long hoursToAcceptance() {
        if (acceptedAt == null) {
            return -1;
        }
        long hours = Duration.between(at, acceptedAt).toHours();
        return Math.max(0, Math.min(hours, MAX_TIME_TO_ACCEPTANCE.toHours()));
    }
}
