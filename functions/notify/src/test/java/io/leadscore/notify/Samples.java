package io.leadscore.notify;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Qualifications read from the sample events in events/notify, and a review reminder, as the handler reads them. */
final class Samples {
    static final String LEAD_QUALIFIED = "../../events/notify/lead-qualified.json";
    static final String PLATFORM_EMEA = "../../events/notify/lead-qualified-platform-emea.json";
    static final String ACCOUNT_QUALIFIED = "../../events/notify/account-qualified.json";
    static final String REVIEW_DUE = "../../events/bus/model-review-due.json";

    private Samples() {
    }

    /** Dana Diaz (lead-42, US) reached salesReady on the total score. */
    static QualifiedEvent lead() {
        return read(LEAD_QUALIFIED, detail -> { });
    }

    /** Jonas (lead-77, DE) reached salesReady in the platform group. */
    static QualifiedEvent platformEmea() {
        return read(PLATFORM_EMEA, detail -> { });
    }

    /** The default model's revision 3, first published on 1 September 2026, due for review on 31 October. */
    static ReviewDueEvent reviewDue() {
        ScheduledEvent event = EventLoader.loadScheduledEvent(REVIEW_DUE);
        return (ReviewDueEvent) Notice.from(event.getDetailType(), event.getDetail());
    }

    /** A sample's detail, changed: e.g. {@code detail -> detail.put("profile", Map.of())}. */
    static QualifiedEvent read(String sample, Consumer<Map<String, Object>> change) {
        ScheduledEvent event = EventLoader.loadScheduledEvent(sample);
        Map<String, Object> detail = new LinkedHashMap<>(event.getDetail());
        change.accept(detail);
        return QualifiedEvent.from(event.getDetailType(), detail);
    }
}
