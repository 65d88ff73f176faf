package io.leadscore.notify;

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
class QualificationTest {

    @Test
    void readsTheSampleEvent() {
        Qualification qualification = Samples.platformEmea();

        assertEquals(Qualification.Subject.LEAD, qualification.subject());
        assertEquals("lead-77", qualification.subjectId());
        assertEquals("lead-77/platform.salesReady/2", qualification.qualificationId());
        assertEquals("platform", qualification.group());
        assertEquals(new Qualification.Threshold("salesReady", 80), qualification.threshold());
        assertEquals(82, qualification.score());
        assertEquals(Instant.parse("2026-11-23T11:15:00Z"), qualification.qualifiedAt());
        assertEquals(new Qualification.TopRule("pricing-page", "Viewed the pricing page", 45),
                qualification.topRules().get(0));
        assertEquals(Optional.of("250"), qualification.profileText("companySize"), "numbers read as text");
        assertEquals(Optional.of("true"), qualification.profileText("newsletter"));
        assertEquals(Optional.empty(), qualification.profileText("lastName"));
    }

    @Test
    void takesWholeNumbersThatArriveAsDoubles() {
        Qualification qualification = Samples.read(Samples.LEAD_QUALIFIED, detail -> {
            detail.put("score", 105.0);
            detail.put("threshold", Map.of("name", "salesReady", "points", 100.0));
        });

        assertEquals(105, qualification.score());
        assertEquals(100, qualification.threshold().points());
    }

    @Test
    void keepsTheDetailAsPublishedForWebhooks() {
        Qualification qualification = Samples.read(Samples.LEAD_QUALIFIED, detail -> detail.put("futureField", 1));

        assertEquals(1, qualification.detail().get("futureField"));
        assertNull(qualification.detail().get("group"));
        assertEquals(true, qualification.detail().containsKey("group"), "the total's null group is kept");
    }

    @Test
    void readsAccounts() {
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("qualificationId", "acme/salesReady/1",
                "accountId", "acme", "threshold", Map.of("name", "salesReady", "points", 300), "score", 310,
                "at", "2026-11-23T10:02:00Z", "profile", Map.of("company", "Acme")));

        Qualification qualification = Qualification.from("AccountQualified", detail);

        assertEquals(Qualification.Subject.ACCOUNT, qualification.subject());
        assertEquals("acme", qualification.subjectId());
        assertEquals("Acme", Summary.name(qualification));
        assertEquals(List.of(), qualification.topRules());
    }

    @Test
    void namesEveryMissingOrMalformedField() {
        Map<String, Object> detail = new LinkedHashMap<>(Map.of("leadId", "lead-42", "score", 10.5,
                "threshold", Map.of("points", 100), "at", "yesterday",
                "topRules", List.of(Map.of("description", "x", "points", 5))));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Qualification.from("LeadQualified", detail));

        assertEquals("LeadQualified event is invalid: qualificationId: required; threshold.name: required;"
                + " score: must be a whole number; at: must be an ISO-8601 instant such as"
                + " 2026-11-23T10:02:00Z; topRules[0].rule: required", refused.getMessage());
        assertEquals("detail-type 'LeadWentCold' is not a qualification (LeadQualified, AccountQualified)",
                assertThrows(IllegalArgumentException.class, () -> Qualification.from("LeadWentCold", detail))
                        .getMessage());
    }
}
