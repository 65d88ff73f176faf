package io.leadscore.model;

import io.leadscore.engagement.TimeOnPage;
import io.leadscore.nps.NpsAnswer;

import java.util.Map;

/**
 * The event properties the engine understands. Sites may send other properties (utm tags and the like):
 * they are stored with the activity but no rule can score them, so a typo in a model is caught at load.
 */
public final class ActivityFields {
    public static final Map<String, FieldType> KNOWN = Map.ofEntries(
            Map.entry("url", FieldType.STRING),
            Map.entry("title", FieldType.STRING),
            Map.entry("referrer", FieldType.STRING),
            Map.entry("formId", FieldType.STRING),
            Map.entry("campaign", FieldType.STRING),
            Map.entry("emailId", FieldType.STRING),
            Map.entry("linkUrl", FieldType.STRING),
            Map.entry("element", FieldType.STRING),
            Map.entry("videoId", FieldType.STRING),
            Map.entry("percent", FieldType.NUMBER),
            Map.entry(NpsAnswer.SCORE_PROPERTY, FieldType.NUMBER), // an nps_response's answer, 0-10
            Map.entry(TimeOnPage.SECONDS_PROPERTY, FieldType.NUMBER)); // a page_engaged's time on page

    /** Prefix by which an event rule reads the lead's profile, e.g. {@code profile.jobTitle}. */
    public static final String PROFILE_PREFIX = "profile.";

    private ActivityFields() {
    }
}
