package io.leadscore.lead;

/**
 * A lead's likelihood to convert as the score function computed it: the probability, and the revision whose trained
 * weights gave it (a revision's weights are its own, so a number means nothing without it).
 *
 * @param probability from 0 to 1
 * @param revision    the model's revision (version) that computed it
 */
public record ConversionLikelihood(double probability, int revision) {
    public ConversionLikelihood {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("a likelihood is a probability from 0 to 1, not " + probability);
        }
    }
}
