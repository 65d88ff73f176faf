package io.leadscore.notify;

import io.leadscore.announcement.ModelReviewDue;
import io.leadscore.announcement.Qualified;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The message for a Slack-compatible incoming webhook. {@code text} says it all in one line (it is what
 * notifications and clients without blocks show); the blocks add who it is, why, and a context line with the
 * idempotency key. Everything from the event is escaped: profile values come from web forms, and an unescaped
 * {@code <!channel>} or {@code <https://evil|click>} would reach the whole team.
 */
final class SlackMessage {
    private SlackMessage() {
    }

    static Map<String, Object> of(Notification notification) {
        return notification.event() instanceof ReviewDueEvent review
                ? reviewDue(notification, review)
                : qualified(notification, (QualifiedEvent) notification.event());
    }

    private static Map<String, Object> qualified(Notification notification, QualifiedEvent event) {
        String name = escape(Summary.name(event));
        String achievement = escape(Summary.achievement(event));
        String link = notification.link() == null ? null : escape(notification.link());

        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(section("*" + (link == null ? name : "<" + link + "|" + name + ">") + "* " + achievement));
        List<String> facts = Summary.facts(event);
        if (!facts.isEmpty()) {
            blocks.add(section(facts.stream().map(SlackMessage::escape).collect(Collectors.joining(" · "))));
        }
        List<String> reasons = Summary.reasons(event);
        if (!reasons.isEmpty()) {
            blocks.add(section("*Why*\n" + reasons.stream().map(reason -> "• " + escape(reason))
                    .collect(Collectors.joining("\n"))));
        }
        blocks.add(contextBlock(context(notification, event)));
        return message(name + " " + achievement + (link == null ? "" : " " + link), blocks);
    }

    /** The model and the dates; the context line names the revision to review and the key, as for qualifications. */
    private static Map<String, Object> reviewDue(Notification notification, ReviewDueEvent event) {
        ModelReviewDue review = event.review();
        List<Map<String, Object>> blocks = List.of(
                section("*" + escape(event.headline()) + "*"),
                section(escape(event.dates())),
                contextBlock(escape(String.join(" · ", "model " + review.modelId(), "revision " + review.revision(),
                        "due " + review.dueAt(), "idempotency key " + notification.idempotencyKey()))));
        return message(escape(event.sentence()), blocks);
    }

    private static Map<String, Object> message(String text, List<Map<String, Object>> blocks) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text);
        message.put("blocks", blocks);
        message.put("unfurl_links", false); // a CRM link would unfurl into its login page
        message.put("unfurl_media", false);
        return message;
    }

    /** Where it came from, for whoever follows up: ids, model, time, and the key a receiver dedupes on. */
    private static String context(Notification notification, QualifiedEvent event) {
        Qualified qualified = event.qualified();
        List<String> parts = new ArrayList<>();
        parts.add(Summary.reference(event));
        if (qualified.model() != null) {
            parts.add("model " + qualified.model());
        }
        if (qualified.eventId() != null) {
            parts.add("event " + qualified.eventId());
        }
        parts.add(qualified.at().toString());
        parts.add("idempotency key " + notification.idempotencyKey());
        return escape(String.join(" · ", parts));
    }

    private static Map<String, Object> contextBlock(String mrkdwn) {
        return Map.of("type", "context", "elements", List.of(mrkdwn(mrkdwn)));
    }

    private static Map<String, Object> section(String mrkdwn) {
        return Map.of("type", "section", "text", mrkdwn(mrkdwn));
    }

    private static Map<String, Object> mrkdwn(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    /** The three characters Slack's mrkdwn gives meaning to and asks senders to escape. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
