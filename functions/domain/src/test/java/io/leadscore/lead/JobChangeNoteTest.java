package io.leadscore.lead;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.leadscore.lead.Activities.T0;
import static io.leadscore.lead.Activities.activity;
import static io.leadscore.lead.Activities.identify;
import static io.leadscore.lead.ScoreKind.FIT;
import static java.time.Duration.ofHours;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 19, job-change signals: fit follows the profile, and the ledger names the fields whose change moved it. */
class JobChangeNoteTest {
    private final LeadJourney journey = new LeadJourney(Signals.MODEL);

    @Test
    void aJobTitleChangeOutOfATargetRoleTakesItsFitBackNamingTheChange() {
        journey.then(identify(Map.of("jobTitle", "VP Marketing", "country", "DE"), T0));

        LedgerEntry changed = journey.then(activity("profile_update", T0.plus(ofHours(1)),
                Map.of("jobTitle", "Student")));

        assertEquals(List.of(new Contribution("target-role", FIT, null, -15,
                "jobTitle changed from 'VP Marketing' to 'Student'")), changed.contributions());
        assertEquals(10, journey.lead().fit(), "the country's fit stays: it did not change");
    }

    @Test
    void aNewlyMatchingRuleSaysWhatTheFieldIsNow() {
        journey.then(identify(Map.of("jobTitle", "Student"), T0));

        LedgerEntry changed = journey.then(activity("profile_update", T0.plus(ofHours(1)),
                Map.of("jobTitle", "Director of Sales")));

        assertEquals(List.of(new Contribution("target-role", FIT, null, 15, "jobTitle is now 'Director of Sales'")),
                changed.contributions());
    }

    @Test
    void aRuleOnSeveralFieldsNamesEachThatChanged() {
        journey.then(identify(Map.of("jobTitle", "VP Sales", "country", "US", "company", "Acme"), T0));

        LedgerEntry moved = journey.then(activity("profile_update", T0.plus(ofHours(1)),
                Map.of("jobTitle", "Sales Manager", "country", "FR", "company", "Hooli")));

        assertEquals(List.of(
                new Contribution("target-role", FIT, null, -15, "jobTitle changed from 'VP Sales' to 'Sales Manager'"),
                new Contribution("served-country", FIT, null, -10, "country changed from 'US' to 'FR'"),
                new Contribution("senior-in-served-country", FIT, null, -4,
                        "jobTitle changed from 'VP Sales' to 'Sales Manager', country changed from 'US' to 'FR'")),
                moved.contributions());
        assertEquals(5, journey.lead().fit(), "a company still named: its fit stays");
    }

    @Test
    void aFieldSetForTheFirstTimeIsNamedWithItsValue() {
        journey.then(identify(Map.of("jobTitle", "VP Sales"), T0));

        LedgerEntry entry = journey.then(activity("profile_update", T0.plus(ofHours(1)), Map.of("country", "US")));

        assertEquals(List.of(new Contribution("served-country", FIT, null, 10, "country is now 'US'"),
                new Contribution("senior-in-served-country", FIT, null, 4, "country is now 'US'")),
                entry.contributions());
    }
}
