package io.leadscore.prediction;

/**
 * One lead at one moment: its features then ({@link LeadFeatures}, nothing recorded after the moment) and whether it
 * converted within the horizon after it.
 *
 * @param at when the features were read, epoch seconds: the time split puts it in training or in the held-out period
 */
public record Example(String leadId, long at, double[] features, boolean converted) {
}
