package io.leadscore.notify;

import io.leadscore.announcement.AccountQualified;
import io.leadscore.announcement.Announcement;
import io.leadscore.announcement.Qualified;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The publisher's contract, read as EventBridge hands it over. */
class QualifiedEventTest {

    @Test
    void readsTheSampleEvent() {
        QualifiedEvent event = Samples.platformEmea();
        Qualified qualified = event.qualified();

        assertEquals(QualifiedEvent.Subject.LEAD, event.subject());
        assertEquals("lead-77", event.subjectId());
        assertEquals("lead-77/platform.salesReady/2", event.qualificationId());
        assertEquals("platform", qualified.group());
        assertEquals(new Announcement.Threshold("salesReady", 80, 80), qualified.threshold());
        assertEquals(82, qualified.score());
        assertEquals(Instant.parse("2026-11-23T11:15:00Z"), qualified.at());
        assertEquals(new Announcement.TopRule("pricing-page", "Viewed the pricing page", 45),
                qualified.topRules().get(0));
        assertEquals(Optional.of("250"), event.profileText("companySize"), "numbers read as text");
        assertEquals(Optional.of("true"), event.profileText("newsletter"));
        assertEquals(Optional.empty(), event.profileText("lastName"));
    }

    @Test
    void takesWholeNumbersThatArriveAsDoubles() {
        QualifiedEvent event = Samples.read(Samples.LEAD_QUALIFIED, detail -> {
            detail.put("score", 105.0);
            detail.put("threshold", Map.of("name", "salesReady", "points", 100.0));
        });

        assertEquals(105, event.qualified().score());
        assertEquals(100, event.qualified().threshold().points());
    }

    @Test
    void keepsTheDetailAsPublishedForWebhooks() {
        QualifiedEvent event = Samples.read(Samples.LEAD_QUALIFIED, detail -> detail.put("futureField", 1));

        assertEquals(1, event.detail().get("futureField"));
        assertNull(event.detail().get("group"));
        assertEquals(true, event.detail().containsKey("group"), "the total's null group is kept");
    }

    @Test
    void readsAccounts() {
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("qualificationId", "acme/salesReady/1",
                "accountId", "acme", "threshold", Map.of("name", "salesReady", "points", 300), "score", 310,
                "at", "2026-11-23T10:02:00Z", "profile", Map.of("company", "Acme")));

        QualifiedEvent event = QualifiedEvent.from("AccountQualified", detail);

        assertEquals(QualifiedEvent.Subject.ACCOUNT, event.subject());
        assertEquals("acme", event.subjectId());
        assertEquals("Acme", Summary.name(event));
        assertEquals(List.of(), event.qualified().topRules());
    }

    @Test
    void readsTheAccountSample() {
        QualifiedEvent event = Samples.read(Samples.ACCOUNT_QUALIFIED, detail -> { });

        assertEquals(QualifiedEvent.Subject.ACCOUNT, event.subject());
        assertEquals("acme.example", event.subjectId());
        AccountQualified account = (AccountQualified) event.qualified();
        assertEquals("lead-57", account.leadId(), "the member whose change crossed the line");
        assertEquals(List.of("decisionMaker", "technicalEvaluator"), account.committee().roles());
        assertEquals(Optional.of("kim@example.com"), event.profileText("accountOwner"));
    }

    @Test
    void namesEveryMissingOrMalformedField() {
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("leadId", "lead-42", "score", 10.5,
                "threshold", Map.of("points", 100), "at", "yesterday",
                "topRules", List.of(Map.of("description", "x", "points", 5))));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> QualifiedEvent.from("LeadQualified", detail));

        assertEquals("LeadQualified event is invalid: qualificationId: required; threshold.name: required;"
                + " score: must be a whole number; at: must be an ISO-8601 instant such as"
                + " 2026-11-23T10:02:00Z; topRules[0].rule: required", refused.getMessage());
        assertEquals("detail-type 'LeadWentCold' is not a qualification (LeadQualified, AccountQualified)",
                assertThrows(IllegalArgumentException.class, () -> QualifiedEvent.from("LeadWentCold", detail))
                        .getMessage());
    }
}
