package io.leadscore.notify;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NOTIFY_CONFIG: what is accepted, what is refused and how the refusal names the place. */
class NotifyConfigTest {
    static final String SECRET = "whsec_bm90aWZ5LXRlc3RzLWtleS0wMTIzNDU2Nzg5YWJjZGVm";

    @Test
    void readsDestinationsRoutingDefaultAndLinks() {
        NotifyConfig config = NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "emea-platform", "type": "slack", "url": "https://hooks.slack.com/services/T0/B0/x",
                    "when": {"group": ["platform"], "profile.country": ["DE", "FR", "GB"]}},
                   {"id": "crm", "type": "webhook", "url": "https://crm.example/hooks/leadscore"},
                   {"id": "sales", "type": "log"}],
                 "default": "sales",
                 "leadUrl": "https://crm.example/leads/{leadId}"}
                """, Optional.of(SECRET));

        assertEquals(List.of("emea-platform", "crm", "sales"), config.destinations().stream().map(Destination::id)
                .toList());
        assertEquals("sales", config.defaultDestination().id());
        assertEquals(Destination.Type.WEBHOOK, config.destinations().get(1).type());
        assertEquals(2, config.destinations().get(0).when().size());
        assertTrue(config.signature().isPresent());
        assertEquals(Optional.of("https://crm.example/leads/lead-42"), config.link(Samples.lead()));
    }

    @Test
    void theTemplatesDefaultLogsEverything() {
        NotifyConfig config = NotifyConfigTest.parse(
                "{\"destinations\": [{\"id\": \"sales\", \"type\": \"log\"}], \"default\": \"sales\"}",
                Optional.empty());

        assertEquals("sales", config.destinationsFor(Samples.platformEmea()).get(0).id());
        assertEquals(Optional.empty(), config.link(Samples.lead()));
    }

    @Test
    void aLinkEncodesTheId() {
        NotifyConfig config = NotifyConfigTest.parse("""
                {"destinations": [{"id": "sales", "type": "log"}], "default": "sales",
                 "leadUrl": "https://crm.example/leads/{leadId}?tab=score"}
                """, Optional.empty());

        QualifiedEvent anonymous = Samples.read(Samples.LEAD_QUALIFIED, d -> d.put("leadId", "anon:a b/c"));
        assertEquals(Optional.of("https://crm.example/leads/anon%3Aa%20b%2Fc?tab=score"), config.link(anonymous));
    }

    @Test
    void namesEveryProblemAndItsPlace() {
        NotifyConfigException refused = assertThrows(NotifyConfigException.class, () -> NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "sales", "type": "slack", "url": "http://hooks.slack.com/services/x"},
                   {"id": "crm", "type": "webhook"},
                   {"id": "sales", "type": "teams", "url": "https://example.com"},
                   {"id": "local", "type": "log", "url": "https://example.com"},
                   {"id": "emea", "type": "slack", "url": "https://hooks.example/x", "when": {"region": ["EMEA"]}},
                   {"id": "na", "type": "slack", "url": "https://hooks.example/y", "when": {"profile.country": []}},
                   {"id": "all", "type": "slack", "url": "https://hooks.example/z", "when": {}},
                   {"id": "bad id!", "type": "log", "urll": "x"}],
                 "default": "nobody",
                 "leadUrl": "https://crm.example/leads/"}
                """, Optional.empty()));

        assertEquals(List.of(
                "destinations[0].url: must be an https URL (http only to localhost, 127.0.0.1 or [::1], for testing)",
                "destinations[1].url: required for type webhook",
                "destinations[1]: type webhook signs with a signing key, and none is set (the secret's signingKeys,"
                        + " or WEBHOOK_SECRET locally)",
                "destinations[2].id: 'sales' is the id of an earlier destination",
                "destinations[2].type: required, one of slack, webhook, log",
                "destinations[3].url: not used by type log",
                "destinations[4].when.region: unknown condition; use type, group, grade, market or profile.<field>,"
                        + " e.g. profile.country",
                "destinations[5].when.profile.country: must be a non-empty array of strings",
                "destinations[6].when: must name at least one condition, e.g. {\"group\": [\"platform\"]}; leave it"
                        + " out for a destination that only takes what no other does, as the default",
                "destinations[7].urll: unknown field (known: id, type, url, when)",
                "destinations[7].id: required, 1 to 64 of A-Z a-z 0-9 _ -",
                "default: no destination has the id 'nobody'",
                "leadUrl: must be an http(s) URL template containing {leadId},"
                        + " e.g. https://crm.example/leads/{leadId}"),
                refused.problems());
        assertTrue(refused.getMessage().startsWith("NOTIFY_CONFIG is invalid:\n  - destinations[0].url"),
                refused.getMessage());
    }

    @Test
    void acceptsPlainHttpOnlyOnLoopback() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9000/")) {
            NotifyConfigTest.parse(slack(url), Optional.empty());
        }
        NotifyConfigException refused = assertThrows(NotifyConfigException.class,
                () -> NotifyConfigTest.parse(slack("http://10.0.0.8/hook"), Optional.empty()));
        assertEquals(List.of("destinations[0].url: must be an https URL (http only to localhost, 127.0.0.1 or"
                + " [::1], for testing)"), refused.problems());
    }

    /** In AWS the Lambda runtime API listens on loopback: a destination there is refused, whatever its scheme. */
    @Test
    void refusesLoopbackDestinationsOutsideTheLocalRuntime() {
        for (String url : List.of("http://127.0.0.1:9001/2018-06-01/runtime/invocation/next", "https://localhost/hook")) {
            NotifyConfigException refused = assertThrows(NotifyConfigException.class,
                    () -> NotifyConfig.parse(slack(url), List.of(), false));
            assertTrue(refused.problems().get(0).startsWith("destinations[0].url: must"), refused.problems().toString());
        }
        assertEquals(List.of("destinations[0].url: must not be on this machine (in AWS, the Lambda runtime API listens"
                        + " there; NOTIFY_ALLOW_LOOPBACK=true lets the local runtime and tests use loopback)"),
                assertThrows(NotifyConfigException.class, () -> NotifyConfig.parse(slack("https://127.0.0.1/hook"),
                        List.of(), false)).problems());
        NotifyConfig.parse(slack("https://hooks.slack.com/services/T/B/X"), List.of(), false);
    }

    /** As the local runtime and the tests configure notify: WEBHOOK_SECRET's key, loopback allowed. */
    static NotifyConfig parse(String json, Optional<String> webhookSecret) {
        return NotifyConfig.parse(json, webhookSecret.map(secret -> List.of(new SigningKey("env", secret)))
                .orElse(List.of()), true);
    }

    @Test
    void refusesWhatIsNotAConfiguration() {
        assertEquals(List.of("not valid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to"
                        + " start field name (line 1, column 21)"),
                assertThrows(NotifyConfigException.class, () -> NotifyConfigTest.parse("{\"destinations\": [],}",
                        Optional.empty())).problems());
        assertEquals(List.of("destinations: required, an array of at least one destination",
                        "default: required, the id of the destination for qualifications no routed destination takes"),
                assertThrows(NotifyConfigException.class, () -> NotifyConfigTest.parse("{}", Optional.empty()))
                        .problems());
    }

    @Test
    void routesByGroup() {
        NotifyConfig config = routing();

        assertEquals(List.of("platform"), ids(config.destinationsFor(Samples.read(Samples.PLATFORM_EMEA,
                d -> d.put("profile", Map.of("country", "US"))))));
    }

    @Test
    void routesByProfileFieldIgnoringCase() {
        NotifyConfig config = routing();

        // and to crm, which takes every total score
        assertEquals(List.of("emea", "crm"), ids(config.destinationsFor(Samples.read(Samples.LEAD_QUALIFIED,
                d -> d.put("profile", Map.of("country", "fr"))))));
    }

    @Test
    void sendsToEveryMatchingDestination() {
        NotifyConfig config = routing();

        // platform group and a German lead: the product line's channel and the territory's
        assertEquals(List.of("platform", "emea-platform", "emea"), ids(config.destinationsFor(Samples.platformEmea())));
    }

    @Test
    void routesTheTotalScoreWithNull() {
        NotifyConfig config = routing();

        assertEquals(List.of("crm"), ids(config.destinationsFor(Samples.read(Samples.LEAD_QUALIFIED,
                d -> d.put("profile", Map.of("country", "BR"))))));
    }

    @Test
    void fallsBackToTheDefaultWhenNoRoutedDestinationMatches() {
        NotifyConfig config = NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "emea", "type": "log", "when": {"profile.country": ["DE"]}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}""", Optional.empty());

        assertEquals(List.of("sales"), ids(config.destinationsFor(Samples.lead())), "a US lead");
        assertEquals(List.of("sales"), ids(config.destinationsFor(Samples.read(Samples.LEAD_QUALIFIED,
                d -> d.remove("profile")))), "a lead without a country");
        assertEquals(List.of("emea"), ids(config.destinationsFor(Samples.platformEmea())));
    }

    @Test
    void routesReviewRemindersByTypeAndQualificationsAsBefore() {
        NotifyConfig config = routingWithMarketing();

        assertEquals(List.of("marketing"), ids(config.destinationsFor(Samples.reviewDue())),
                "not crm, which takes the total score's qualifications: a review has no group");
        assertEquals(List.of("platform", "emea-platform", "emea"), ids(config.destinationsFor(Samples.platformEmea())));
        assertEquals(List.of("emea", "crm"), ids(config.destinationsFor(Samples.read(Samples.LEAD_QUALIFIED,
                d -> d.put("profile", Map.of("country", "fr"))))));
        assertEquals(List.of("crm"), ids(config.destinationsFor(Samples.read(Samples.ACCOUNT_QUALIFIED, d -> { }))),
                "an account's threshold is on its total score");
    }

    @Test
    void aReviewReminderNoDestinationTakesGoesToTheDefault() {
        assertEquals(List.of("sales"), ids(routing().destinationsFor(Samples.reviewDue())));
    }

    @Test
    void aTypeNarrowsQualificationsToo() {
        NotifyConfig config = NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "abm", "type": "log", "when": {"type": ["AccountQualified"]}},
                   {"id": "emea-accounts", "type": "log",
                    "when": {"type": ["AccountQualified"], "profile.accountOwner": ["kim@example.com"]}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}""", Optional.empty());

        assertEquals(List.of("abm", "emea-accounts"),
                ids(config.destinationsFor(Samples.read(Samples.ACCOUNT_QUALIFIED, d -> { }))));
        assertEquals(List.of("sales"), ids(config.destinationsFor(Samples.lead())));
        assertEquals(List.of("sales"), ids(config.destinationsFor(Samples.reviewDue())));
    }

    @Test
    void routesByFitGradeAnALeadToSalesFirstAndACLeadNot() {
        NotifyConfig config = NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "sales-first", "type": "log", "when": {"grade": ["A", "B"]}},
                   {"id": "nurture", "type": "log"}],
                 "default": "nurture"}""", Optional.empty());

        assertEquals(List.of("sales-first"), ids(config.destinationsFor(Samples.lead())), "Dana, an A lead");
        assertEquals(List.of("nurture"), ids(config.destinationsFor(Samples.read(Samples.LEAD_QUALIFIED,
                d -> d.put("grade", "C")))), "a C lead");
        assertEquals(List.of("nurture"), ids(config.destinationsFor(Samples.read(Samples.LEAD_QUALIFIED,
                d -> d.put("grade", null)))), "a lead of a model without grades");
        assertEquals(List.of("nurture"), ids(config.destinationsFor(Samples.read(Samples.ACCOUNT_QUALIFIED, d -> { }))),
                "an account has no fit grade");
    }

    @Test
    void aGradeIsOneCapitalLetter() {
        NotifyConfigException refused = assertThrows(NotifyConfigException.class, () -> NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "a", "type": "log", "when": {"grade": ["a"]}},
                   {"id": "b", "type": "log", "when": {"grade": ["A", "AB"]}},
                   {"id": "c", "type": "log", "when": {"grade": [null]}},
                   {"id": "d", "type": "log", "when": {"grade": []}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}""", Optional.empty()));

        String letters = ": must be a non-empty array of fit grades, each one capital letter as the model names them,"
                + " e.g. [\"A\", \"B\"] (F: below the lowest)";
        assertEquals(List.of("destinations[0].when.grade" + letters, "destinations[1].when.grade" + letters,
                "destinations[2].when.grade" + letters, "destinations[3].when.grade" + letters), refused.problems());
    }

    @Test
    void aTypeMustBeOneNotifyDelivers() {
        NotifyConfigException refused = assertThrows(NotifyConfigException.class, () -> NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "nurture", "type": "log", "when": {"type": ["LeadWentCold"]}},
                   {"id": "marketing", "type": "log", "when": {"type": ["modelReviewDue"]}},
                   {"id": "ops", "type": "log", "when": {"type": [null]}},
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}""", Optional.empty()));

        String delivered = ": must be a non-empty array of the detail-types notify delivers: LeadQualified,"
                + " AccountQualified, ModelReviewDue";
        assertEquals(List.of("destinations[0].when.type" + delivered, "destinations[1].when.type" + delivered,
                "destinations[2].when.type" + delivered), refused.problems());
    }

    private static NotifyConfig routing() {
        return routing("");
    }

    /** {@link #routing()} with a destination for marketing, which takes the review reminders. */
    private static NotifyConfig routingWithMarketing() {
        return routing("{\"id\": \"marketing\", \"type\": \"log\", \"when\": {\"type\": [\"ModelReviewDue\"]}},");
    }

    private static NotifyConfig routing(String more) {
        return NotifyConfigTest.parse("""
                {"destinations": [
                   {"id": "platform", "type": "log", "when": {"group": ["Platform"]}},
                   {"id": "emea-platform", "type": "log",
                    "when": {"group": ["platform"], "profile.country": ["DE", "FR", "GB"]}},
                   {"id": "emea", "type": "log", "when": {"profile.country": ["DE", "FR", "GB"]}},
                   {"id": "crm", "type": "log", "when": {"group": [null]}},%s
                   {"id": "sales", "type": "log"}],
                 "default": "sales"}""".formatted(more), Optional.empty());
    }

    private static String slack(String url) {
        return """
                {"destinations": [{"id": "s", "type": "slack", "url": "%s"}], "default": "s"}""".formatted(url);
    }

    static List<String> ids(List<Destination> destinations) {
        return destinations.stream().map(Destination::id).toList();
    }
}
