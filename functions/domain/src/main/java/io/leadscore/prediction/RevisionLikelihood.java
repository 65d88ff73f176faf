package io.leadscore.prediction;

import io.leadscore.lead.ConversionLikelihood;
import io.leadscore.lead.Lead;
import io.leadscore.model.ScoringModel;

import java.time.Instant;

/**
 * What a revision says of each lead the score function writes: its likelihood to convert when the revision carries
 * trained weights, nothing when it does not. Made once per run, so the weights are laid out once for all its leads.
 */
public final class RevisionLikelihood {
    private final Likelihood likelihood;
    private final int revision;

    public RevisionLikelihood(ScoringModel model) {
        this.likelihood = model.prediction().map(prediction -> new Likelihood(model, prediction)).orElse(null);
        this.revision = model.version();
    }

    /**
     * The lead's likelihood at {@code at}, its account at {@code accountScore} (0 without one); null without weights,
     * and for a visitor merged into its lead (its history is the lead's now).
     */
    public ConversionLikelihood of(Lead lead, int accountScore, Instant at) {
        return likelihood == null || lead.mergedInto() != null ? null
                : new ConversionLikelihood(likelihood.of(lead, accountScore, at), revision);
    }

    /**
     * Whether a stored lead's likelihood is not this revision's: none where it gives one, one where it gives none, or
     * another revision's. A re-score writes such a lead even when its score replays to itself.
     */
    public boolean isStale(Lead stored) {
        ConversionLikelihood has = stored.likelihood();
        return likelihood == null ? has != null : has == null || has.revision() != revision;
    }
}
