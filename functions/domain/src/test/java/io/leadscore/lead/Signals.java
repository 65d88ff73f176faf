package io.leadscore.lead;

import io.leadscore.model.ModelLoader;
import io.leadscore.model.ScoringModel;

/**
 * A model with a competitor list, fit rules on the role, the country and the company, and a product group with a
 * threshold of its own: the signals' tests share it.
 */
final class Signals {
    static final ScoringModel MODEL = ModelLoader.parse("""
            model: signals
            eventTypes:
              page_view: { requires: [url] }
              identify: {}
              profile_update: {}
            profileFields:
              email: email
              company: string
              jobTitle: string
              country: string
            thresholds:
              salesReady: { points: 50, rearmBelow: 40 }
            groups:
              platform: { thresholds: { salesReady: 30 } }
            competitors:
              when: { any: [{ company: { in: [Globex, Initech] } }, { email: { regex: "@(globex|initech)\\\\.com$" } }] }
              notes: They read our pricing to undercut it.
            rules:
              - { id: pricing-page, event: page_view, when: { url: { glob: "*/pricing*" } }, points: 20, group: platform }
            fit:
              - id: target-role
                when: { jobTitle: { regex: "(?i)\\\\b(vp|director)\\\\b" } }
                points: 15
              - { id: served-country, when: { country: { in: [US, DE] } }, points: 10 }
              - { id: named-company, when: { company: { exists: true } }, points: 5 }
              - id: senior-in-served-country
                when: { jobTitle: { regex: "(?i)\\\\bvp\\\\b" }, country: { in: [US] } }
                points: 4
            """, "signals");

    private Signals() {
    }
}
