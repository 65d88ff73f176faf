package io.leadscore.notify;

import io.leadscore.support.Json;

import java.util.Map;

/** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat...): a readable message. */
final class SlackChannel implements Channel {
    private final JsonPoster poster;

    SlackChannel(JsonPoster poster) {
        this.poster = poster;
    }

    @Override
    public Attempt send(Notification notification) {
        return poster.post(notification.destination().url(), Json.write(SlackMessage.of(notification)),
                notification.idempotencyKey(), Map.of());
    }
}
