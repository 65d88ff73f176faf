package io.leadscore.notify;

import io.leadscore.aws.lambda.FunctionBootstrap;
import io.leadscore.aws.lambda.Log;

import java.time.Duration;
import java.time.Instant;

/**
 * The notifier of the settings as last read, for both notify handlers: read at start, where a bad configuration is
 * refused with every problem named ({@link NotifyConfigException}), and again from the secret once they are
 * {@link #SETTINGS_FOR} old, so that a rotated signing key or a new destination is taken up.
 */
final class CurrentNotifier {
    static final Duration SETTINGS_FOR = Duration.ofMinutes(15);

    /** The notifier of the settings as read, and when they were read. */
    private record Configured(Notifier notifier, NotifySettings settings, Instant readAt) {
    }

    private final FunctionBootstrap bootstrap;
    private volatile Configured configured;

    CurrentNotifier(FunctionBootstrap bootstrap) {
        this.bootstrap = bootstrap;
        this.configured = configure();
    }

    private Configured configure() {
        NotifySettings settings = NotifySettings.load(bootstrap.env());
        return new Configured(Notifier.from(bootstrap, settings), settings, bootstrap.clock().instant());
    }

    Notifier get() {
        Configured current = configured;
        if (current.settings().fromSecret()
                && bootstrap.clock().instant().isAfter(current.readAt().plus(SETTINGS_FOR))) {
            try {
                configured = current = configure();
            } catch (RuntimeException e) {
                Log.error("reading the notify secret again failed; the settings read before stay", e);
            }
        }
        return current.notifier();
    }
}
