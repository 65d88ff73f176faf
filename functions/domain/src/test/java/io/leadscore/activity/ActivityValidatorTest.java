package io.leadscore.activity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadscore.activity.ActivityValidator.Checked;
import io.leadscore.model.ModelLoader;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivityValidatorTest {
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final String SITE = "site-1";

    private final ActivityValidator validator = new ActivityValidator(ModelLoader.defaultModel());

    @Nested
    class Accepted {

        @Test
        void eventBecomesAnActivityOfTheSite() {
            Activity activity = accept(pricingView());

            assertEquals(new Activity("evt-1", "page_view", "lead-1", Instant.parse("2026-03-02T11:59:00Z"),
                    Map.of("url", "https://example.com/pricing"), SITE, NOW), activity);
        }

        @Test
        void propertiesKeepTheirTypesWithNumbersAsDecimals() {
            Activity activity = accept(event("identify",
                    "{'jobTitle': 'VP Engineering', 'companySize': 120, 'utm_source': 'ads', 'consent': true}"));

            assertEquals(Map.of("jobTitle", "VP Engineering", "companySize", new BigDecimal("120"),
                    "utm_source", "ads", "consent", true), activity.properties());
            assertEquals(new BigDecimal("50.5"), accept(event("video_progress",
                    "{'videoId': 'intro', 'percent': 50.5}")).property("percent"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "6", "10", "9.0"})
        void anNpsResponseWithAWholeScoreFromZeroToTen(String score) {
            Activity activity = accept(event("nps_response", "{'score': " + score + "}"));

            assertEquals(0, new BigDecimal(score).compareTo((BigDecimal) activity.property("score")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "45", "86400", "30.0"})
        void timeOnPageInWholeSecondsUpToADay(String seconds) {
            Activity activity = accept(event("page_engaged",
                    "{'url': 'https://example.com/pricing', 'seconds': " + seconds + "}"));

            assertEquals(0, new BigDecimal(seconds).compareTo((BigDecimal) activity.property("seconds")));
        }

        @Test
        void anonymousVisitorGetsAnAnonymousLeadId() {
            ObjectNode event = pricingView();
            event.remove("leadId");
            event.put("anonymousId", "v-42");

            assertEquals("anon:v-42", accept(event).leadId());
        }

        @Test
        void timestampWithinTheAllowedClockSkewIsAccepted() {
            Instant almostNow = NOW.plus(ActivityValidator.MAX_CLOCK_SKEW).minusSeconds(1);

            assertEquals(almostNow, accept(pricingView().put("timestamp", almostNow.toString())).occurredAt());
        }
    }

    @Nested
    class EventIdWhenNoneIsSent {
        private static final String PRICING = "{'url': 'https://example.com/pricing', 'title': 'Pricing'}";

        @Test
        void isDerivedFromTheContentSoThatARetryIsRecognised() {
            assertEquals(derivedId(PRICING, SITE),
                    derivedId("{'title': 'Pricing', 'url': 'https://example.com/pricing'}", SITE));
        }

        @Test
        void differsForDifferentContent() {
            assertNotEquals(derivedId(PRICING, SITE), derivedId("{'url': 'https://example.com/demo'}", SITE));
        }

        @Test
        void differsPerSite() {
            assertNotEquals(derivedId(PRICING, "site-1"), derivedId(PRICING, "site-2"));
        }

        @Test
        void isOneTheClientMaySendBack() {
            String id = derivedId(PRICING, SITE);

            assertEquals(id, accept(pricingView().put("eventId", id)).eventId());
        }

        private String derivedId(String properties, String site) {
            ObjectNode event = event("page_view", properties);
            event.remove("eventId");
            Checked checked = validator.check(event, "", site, NOW);
            assertEquals(List.of(), checked.errors());
            return checked.activity().eventId();
        }
    }

    @Nested
    class Refused {

        @Test
        void whenNotAnObject() {
            assertRefused(json("['page_view']"), "(body)", "must be a JSON object");
        }

        @Test
        void forAnUnknownTopLevelField() {
            assertRefused(pricingView().put("userId", "u-1"), "userId", "unknown field", "anonymousId");
        }

        @Test
        void withoutAType() {
            ObjectNode event = pricingView();
            event.remove("type");

            assertRefused(event, "type", "is required");
        }

        @Test
        void forAnUnknownTypeListingTheKnownOnes() {
            assertRefused(pricingView().put("type", "pageview"), "type", "unknown event type 'pageview'",
                    "form_submit", "page_view", "video_progress");
        }

        @Test
        void withoutLeadIdOrAnonymousId() {
            ObjectNode event = pricingView();
            event.remove("leadId");

            assertRefused(event, "leadId", "is required", "anonymousId");
        }

        /** Values that become part of a key are bounded as lead ids are: no item key can outgrow DynamoDB's limits. */
        @Test
        void whenAValueThatBecomesAKeyIsTooLongOrNotText() {
            String huge = "v".repeat(64 * 1024);
            assertRefused(pricingView().put("anonymousId", huge), "anonymousId", "1-128 characters");
            assertRefused(pricingView().put("anonymousId", "v".repeat(129)), "anonymousId", "1-128 characters");
            assertRefused(pricingView().put("anonymousId", " v-42"), "anonymousId", "leading space");
            ObjectNode visitorProperty = pricingView();
            ((ObjectNode) visitorProperty.get("properties")).put("anonymousId", "v".repeat(2000));
            assertRefused(visitorProperty, "properties.anonymousId", "1-128 characters", "part of a key");
            ObjectNode account = pricingView();
            ((ObjectNode) account.get("properties")).put("accountId", "a".repeat(129));
            assertRefused(account, "properties.accountId", "1-128 characters", "part of a key");
            ObjectNode fine = pricingView().put("anonymousId", "v".repeat(128));
            ((ObjectNode) fine.get("properties")).put("accountId", "acme.example");
            accept(fine);
        }

        /** A profile field is what the model types it: an email drives the lead's account, so it must be one. */
        @Test
        void whenAProfileFieldIsNotWhatTheModelTypesIt() {
            assertRefused(event("identify", "{'email': 'not-an-email'}"), "properties.email", "must be an email address");
            assertRefused(event("identify", "{'email': 'dana@acme'}"), "properties.email", "must be an email address");
            assertRefused(event("identify", "{'email': 'da na@acme.example'}"), "properties.email", "email address");
            assertRefused(event("identify", "{'companySize': -5}"), "properties.companySize",
                    "must be from 0 to 10000000, not -5");
            assertRefused(event("identify", "{'companySize': 20000000}"), "properties.companySize", "not 20000000");
            accept(event("identify", "{'email': 'dana.diaz+leads@acme.example', 'companySize': 0}"));
            accept(event("identify", "{'companySize': 10000000}"));
        }

        /** A lead named like an account would share the account's qualification ids, and silence its notifications. */
        @Test
        void whenALeadIdTakesAPrefixOfAccountsOrModels() {
            assertRefused(pricingView().put("leadId", "account:acme.example"), "leadId", "reserved for accounts'");
            assertRefused(pricingView().put("leadId", "model:default"), "leadId", "reserved for models'");
            accept(pricingView().put("leadId", "accounts@acme.example"));
        }

        @Test
        void whenALeadIdPosesAsAnonymous() {
            assertRefused(pricingView().put("leadId", "anon:v-42"), "leadId", "use anonymousId");
        }

        @Test
        void forValuesOfTheWrongJsonType() {
            assertRefused(pricingView().put("timestamp", 123), "timestamp", "must be a string, not number");
            assertRefused(pricingView().set("leadId", json("{}")), "leadId", "must be a string, not object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-03-02 11:59:00", "2026-03-02T11:59:00", "yesterday", "1772452740"})
        void forATimestampThatIsNotIsoWithOffset(String timestamp) {
            assertRefused(pricingView().put("timestamp", timestamp), "timestamp", "ISO-8601");
        }

        @Test
        void forATimestampInTheFuture() {
            assertRefused(pricingView().put("timestamp", NOW.plus(Duration.ofHours(2)).toString()),
                    "timestamp", "2 hours in the future");
        }

        @Test
        void forATimestampOlderThanNinetyDays() {
            assertRefused(pricingView().put("timestamp", NOW.minus(Duration.ofDays(91)).toString()),
                    "timestamp", "91 days old", "at most 90 days");
        }

        @Test
        void whenPropertiesAreNotAnObject() {
            assertRefused(pricingView().put("properties", "url=/pricing"), "properties", "must be a JSON object");
        }

        @Test
        void forNestedProperties() {
            assertRefused(event("page_view", "{'url': '/pricing', 'utm': {'source': 'ads'}}"),
                    "properties.utm", "not an object");
            assertRefused(event("page_view", "{'url': '/pricing', 'tags': ['a', 'b']}"),
                    "properties.tags", "not an array");
        }

        @Test
        void forOverlongText() {
            ObjectNode event = pricingView();
            ((ObjectNode) event.get("properties")).put("title", "x".repeat(ActivityValidator.MAX_TEXT_LENGTH + 1));

            assertRefused(event, "properties.title", "2049 characters");
        }

        @Test
        void forControlCharactersInText() {
            assertRefused(event("page_view", "{'url': '/pricing\\u0000admin'}"), "properties.url",
                    "control characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-5", "150"})
        void forAVideoPercentOutsideZeroToHundred(String percent) {
            assertRefused(event("video_progress", "{'videoId': 'intro', 'percent': " + percent + "}"),
                    "properties.percent", "from 0 to 100", percent);
        }

        @Test
        void forTimeOnPageWithoutItsSeconds() {
            assertRefused(event("page_engaged", "{'url': 'https://example.com/pricing'}"), "properties.seconds",
                    "required for page_engaged");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1:must not be negative", "12.5:must be a whole number of seconds",
                "86401:must be at most 86400 (a day)", "1e9:must be at most 86400"})
        void forEngagedSecondsNegativeFractionalOrAboveADay(String seconds) {
            String[] value = seconds.split(":");
            assertRefused(event("page_engaged", "{'url': 'https://example.com/pricing', 'seconds': " + value[0] + "}"),
                    "properties.seconds", value[1], "not " + new BigDecimal(value[0]).toPlainString());
        }

        @Test
        void forAnNpsResponseWithoutItsScore() {
            assertRefused(event("nps_response", "{}"), "properties.score", "required for nps_response");
        }

        @Test
        void forAnNpsScoreThatIsNotANumber() {
            assertRefused(event("nps_response", "{'score': '9'}"), "properties.score", "must be a number");
        }

        @Test
        void forAFractionalNpsScore() {
            assertRefused(event("nps_response", "{'score': 7.5}"), "properties.score", "whole number from 0 to 10",
                    "7.5");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "11", "100"})
        void forAnNpsScoreOffTheScale(String score) {
            assertRefused(event("nps_response", "{'score': " + score + "}"), "properties.score", "from 0 to 10",
                    "not " + score);
        }

        @Test
        void forAnNpsResponseWithoutScoreEvenWhenTheModelDoesNotListIt() {
            ActivityValidator lenientModel = new ActivityValidator(ModelLoader.parse("""
                    model: survey
                    eventTypes:
                      nps_response: {}
                    """, "test"));

            Checked checked = lenientModel.check(event("nps_response", "{}"), "", SITE, NOW);

            assertEquals(List.of(new FieldError("properties.score", "is required for nps_response events")),
                    checked.errors());
        }

        @Test
        void withoutAPropertyTheEventTypeRequires() {
            assertRefused(event("page_view", "{'title': 'Pricing'}"), "properties.url", "required for page_view");
        }

        @Test
        void forAProfileFieldOfTheWrongType() {
            assertRefused(event("identify", "{'companySize': 'big'}"), "properties.companySize", "must be a number");
        }

        @Test
        void forTooManyProperties() {
            ObjectNode event = pricingView();
            ObjectNode properties = (ObjectNode) event.get("properties");
            for (int i = 0; i < ActivityValidator.MAX_PROPERTIES; i++) {
                properties.put("extra" + i, i);
            }

            assertRefused(event, "properties", "51 entries", "at most 50");
        }

        @Test
        void forAnEventIdWithCharactersAStoreKeyCannotHold() {
            assertRefused(pricingView().put("eventId", "evt 1/2"), "eventId", "letters, digits");
        }

        @Test
        void withEveryProblemOfTheEventAtOnce() {
            Checked checked = check(pricingView().put("type", "pageview").put("timestamp", "yesterday"), "");

            assertEquals(List.of("type", "timestamp"), checked.errors().stream().map(FieldError::field).toList());
        }

        @Test
        void namingTheEventsPlaceInTheRequest() {
            Checked checked = check(pricingView().put("timestamp", "yesterday"), "events[2]");

            assertEquals(List.of("events[2].timestamp"), checked.errors().stream().map(FieldError::field).toList());
            assertEquals(List.of("events[2]"),
                    check(json("42"), "events[2]").errors().stream().map(FieldError::field).toList());
        }
    }

    private Activity accept(JsonNode event) {
        Checked checked = check(event, "");
        assertEquals(List.of(), checked.errors());
        return checked.activity();
    }

    private void assertRefused(JsonNode event, String field, String... fragments) {
        Checked checked = check(event, "");
        assertNull(checked.activity(), "refused events yield no activity");
        assertTrue(checked.errors().stream().anyMatch(e -> e.field().equals(field)
                        && List.of(fragments).stream().allMatch(e.problem()::contains)),
                () -> "no error on " + field + " mentioning " + List.of(fragments) + " in " + checked.errors());
    }

    private Checked check(JsonNode event, String path) {
        return validator.check(event, path, SITE, NOW);
    }

    private static ObjectNode pricingView() {
        return event("page_view", "{'url': 'https://example.com/pricing'}");
    }

    private static ObjectNode event(String type, String properties) {
        return (ObjectNode) json("{'eventId': 'evt-1', 'type': '" + type + "', 'leadId': 'lead-1',"
                + " 'timestamp': '2026-03-02T11:59:00Z', 'properties': " + properties + "}");
    }

    /** JSON written with single quotes, for readability in Java strings. */
    private static JsonNode json(String singleQuoted) {
        try {
            return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }
}
