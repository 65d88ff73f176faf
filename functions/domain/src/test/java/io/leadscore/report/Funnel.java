package io.leadscore.report;

import io.leadscore.lead.Lead;
import io.leadscore.lead.RuleTally;
import io.leadscore.lead.ScoreKind;
import io.leadscore.lifecycle.Stage;
import io.leadscore.lifecycle.StageChange;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Leads with a stage history written by hand, and the counters they add up to (what the store keeps). */
final class Funnel {
    private Lead built;

    private Funnel(String id, String firstSeenAt) {
        this.built = Lead.newLead(id).toBuilder().revision(1).firstSeenAt(Instant.parse(firstSeenAt)).build();
    }

    static Funnel lead(String id, String firstSeenAt) {
        return new Funnel(id, firstSeenAt);
    }

    /** Rules and their hits (0: in the breakdown, never fired). */
    Funnel rules(Object... ruleAndHits) {
        Map<String, RuleTally> breakdown = new HashMap<>();
        for (int i = 0; i < ruleAndHits.length; i += 2) {
            int hits = (Integer) ruleAndHits[i + 1];
            breakdown.put((String) ruleAndHits[i], new RuleTally(ScoreKind.ENGAGEMENT, null, 10 * hits, hits, null));
        }
        built = built.toBuilder().breakdown(breakdown).build();
        return this;
    }

    Funnel to(Stage stage, String at) {
        return to(stage, at, null);
    }

    Funnel to(Stage stage, String at, String why) {
        built = built.movedTo(new StageChange(built.stage(), stage, Instant.parse(at), "rep", why,
                stage == Stage.MQL ? null : "f-" + built.stageHistory().size()));
        return this;
    }

    Lead build() {
        return built;
    }

    /** The counters of these leads, summed as the store sums them, read as the store answers. */
    static CountReader counters(List<Lead> leads, Counts extra) {
        Counts.Builder sum = Counts.builder().add(extra, 1);
        leads.forEach(lead -> sum.add(LeadCounts.of(lead), 1));
        Counts counts = sum.build();
        return new CountReader() {
            @Override
            public Map<CounterItem, Map<String, Long>> days(String family, LocalDate from, LocalDate to) {
                Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();
                counts.items().forEach((item, fields) -> {
                    if (item.family().equals(family) && item.day() != null && !item.day().isBefore(from)
                            && !item.day().isAfter(to)) {
                        items.put(item, fields);
                    }
                });
                return items;
            }

            @Override
            public Map<CounterItem, Map<String, Long>> totals(String family) {
                Map<CounterItem, Map<String, Long>> items = new LinkedHashMap<>();
                counts.items().forEach((item, fields) -> {
                    if (item.family().equals(family) && item.day() == null) {
                        items.put(item, fields);
                    }
                });
                return items;
            }
        };
    }

    static CountReader counters(List<Lead> leads) {
        return counters(leads, Counts.NONE);
    }
}
