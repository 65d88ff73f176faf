package io.leadscore.privacy;

import io.leadscore.support.Sha256;

import java.util.List;

/**
 * What erasing a person removed, kind by kind: the answer to {@code DELETE /v1/leads/{leadId}}. Erasing an id that
 * was erased before removes nothing and says so (every count 0), so a retried erasure is harmless.
 *
 * @param activities     recorded events, the merged visitors' included
 * @param ledgerEntries  score changes, the merged visitors' included
 * @param announcements  the lead's outbox records (qualified, disqualified, went cold)
 * @param deliveries     what each destination was sent of those announcements
 * @param visitors       the anonymous visitors merged into the lead, whose partitions went with it
 * @param accountShare   the account the lead's share was taken out of (re-aggregated from the members left); null
 *                       when it belonged to none
 * @param otherItems     the lead's own item, its rate counters and the visitors' items
 */
public record Erasure(String leadId, int activities, int ledgerEntries, int announcements, int deliveries,
                      List<String> visitors, String accountShare, int otherItems) {

    public Erasure {
        visitors = List.copyOf(visitors);
    }

    /**
     * How an erased id is remembered: its SHA-256 only, so that a late event for it can be recognised (and refused)
     * without the table keeping the id itself.
     */
    public static String fingerprint(String leadId) {
        return Sha256.hex(leadId);
    }
}
