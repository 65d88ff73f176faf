package io.leadscore.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the sales team reads in Slack. */
class SlackMessageTest {
    private static final Destination SALES = new Destination("sales", Destination.Type.SLACK,
            URI.create("https://hooks.slack.com/services/T0/B0/x"), List.of());

    @Test
    void saysWhoReachedWhatAndWhy() {
        JsonNode message = message(new Notification(Samples.lead(), SALES, "https://crm.example/leads/lead-42"));

        assertEquals("Dana Diaz reached salesReady: score 105 (threshold 100) https://crm.example/leads/lead-42",
                message.get("text").asText(), "the fallback text stands on its own");
        assertEquals("*<https://crm.example/leads/lead-42|Dana Diaz>* reached salesReady: score 105 (threshold 100)",
                block(message, 0));
        assertEquals("VP Engineering at Acme · dana@acme.example · US", block(message, 1));
        assertEquals("""
                *Why*
                • Requested a demo (+20)
                • Viewed the pricing page (+15)
                • Decision-maker title (+5)""", block(message, 2));
        assertEquals("lead lead-42 · model default@1 · event evt-0003 · 2026-11-23T10:02:00Z"
                + " · idempotency key lead-42/salesReady/1/sales", message.at("/blocks/3/elements/0/text").asText());
        assertEquals("context", message.at("/blocks/3/type").asText());
        assertFalse(message.get("unfurl_links").asBoolean());
    }

    @Test
    void namesTheScoreGroup() {
        JsonNode message = message(toSales(Samples.platformEmea()));

        assertTrue(message.get("text").asText().startsWith("Jonas reached salesReady for Platform: score 82"
                + " (threshold 80)"), message.get("text").asText());
    }

    @Test
    void escapesWhatCameFromWebForms() {
        QualifiedEvent hostile = Samples.read(Samples.LEAD_QUALIFIED, detail -> detail.put("profile", Map.of(
                "firstName", "<!channel>", "company", "<https://evil.example|Click> & co")));

        JsonNode message = message(toSales(hostile));

        assertEquals("*&lt;!channel&gt;* reached salesReady: score 105 (threshold 100)", block(message, 0));
        assertEquals("&lt;https://evil.example|Click&gt; &amp; co", block(message, 1));
        assertFalse(Json.write(message).contains("<!channel>"));
        assertTrue(block(message(toSales(Samples.platformEmea())), 2).contains(
                "Attended a &lt;b&gt;webinar&lt;/b&gt; &amp; asked *questions* (+25)"), "rule descriptions too");
    }

    @Test
    void fallsBackToTheEmailThenTheLeadId() {
        QualifiedEvent emailOnly = Samples.read(Samples.LEAD_QUALIFIED,
                detail -> detail.put("profile", Map.of("email", "dana@acme.example")));
        QualifiedEvent anonymous = Samples.read(Samples.LEAD_QUALIFIED, detail -> detail.remove("profile"));

        assertTrue(message(toSales(emailOnly)).get("text").asText()
                .startsWith("dana@acme.example reached"));
        JsonNode message = message(toSales(anonymous));
        assertTrue(message.get("text").asText().startsWith("lead lead-42 reached"));
        assertEquals("section", message.at("/blocks/1/type").asText());
        assertTrue(block(message, 1).startsWith("*Why*"), "no empty facts block");
    }

    @Test
    void cutsLongProfileValues() {
        QualifiedEvent verbose = Samples.read(Samples.LEAD_QUALIFIED,
                detail -> detail.put("profile", Map.of("firstName", "D".repeat(2_000))));

        String name = message(toSales(verbose)).get("text").asText().split(" ")[0];

        assertEquals(Summary.MAX_VALUE_LENGTH, name.length());
        assertTrue(name.endsWith("…"));
    }

    @Test
    void tellsMarketingWhichModelIsDueForReview() {
        Destination marketing = new Destination("marketing", Destination.Type.SLACK,
                URI.create("https://hooks.slack.com/services/T0/B1/y"), List.of());

        JsonNode message = message(new Notification(Samples.reviewDue(), marketing, null));

        assertEquals("Scoring model default (revision 3) is due for review: first published 2026-09-01,"
                + " review due 2026-10-31", message.get("text").asText());
        assertEquals("*Scoring model default (revision 3) is due for review*", block(message, 0));
        assertEquals("first published 2026-09-01, review due 2026-10-31", block(message, 1));
        assertEquals("model default · revision 3 · due 2026-10-31T09:14:05Z"
                + " · idempotency key model:default/review/2026-10-31/marketing",
                message.at("/blocks/2/elements/0/text").asText());
        assertEquals("context", message.at("/blocks/2/type").asText());
        assertFalse(message.get("unfurl_links").asBoolean());
    }

    @Test
    void escapesAModelsId() {
        ReviewDueEvent hostile = (ReviewDueEvent) Notice.from("ModelReviewDue", Map.of("modelId", "<!here>",
                "revision", 1, "dueAt", "2026-10-31T00:00:00Z", "firstPublishedAt", "2026-09-01T00:00:00Z"));

        assertFalse(Json.write(message(toSales(hostile))).contains("<!here>"));
    }

    private static Notification toSales(Notice event) {
        return new Notification(event, SALES, null);
    }

    private static JsonNode message(Notification notification) {
        return Json.mapper().valueToTree(SlackMessage.of(notification));
    }

    private static String block(JsonNode message, int index) {
        return message.at("/blocks/" + index + "/text/text").asText();
    }
}
