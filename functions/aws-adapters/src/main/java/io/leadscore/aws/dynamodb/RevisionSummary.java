package io.leadscore.aws.dynamodb;

import java.time.Instant;

/**
 * A revision as a list shows it: all but its YAML and rule notes, which a list does not read (a revision's YAML may
 * be 256 KB).
 */
public record RevisionSummary(int number, String author, Instant createdAt, String notes, String sha256,
                              Integer basedOn) {
}
