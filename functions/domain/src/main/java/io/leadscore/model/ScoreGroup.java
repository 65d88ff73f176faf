package io.leadscore.model;

import java.util.List;

/** A score kept beside the total, usually a product line; {@code cap} bounds its behaviour points. */
public record ScoreGroup(String id, String name, Integer cap, List<Threshold> thresholds) {
}
