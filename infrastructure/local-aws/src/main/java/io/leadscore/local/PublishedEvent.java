package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.joda.time.DateTime;

/**
 * An event that the local bus accepted, as EventBridge delivers it to targets:
 * {@code {"version": "0", "id": ..., "detail-type": ..., "source": ..., "account": ..., "time": ..., "region": ...,
 * "resources": [...], "detail": {...}}}.
 *
 * @param eventBusName the bus it was put on, by name
 * @param id           the event's {@code id}, which PutEvents answered as its {@code EventId}
 * @param json         the event
 */
public record PublishedEvent(String eventBusName, String id, String json) {

    /**
     * Reads events as the Java runtime of Lambda does (aws-lambda-java-serialization): {@code detail-type} is the
     * {@code detailType} property, {@code time} goes through Joda's {@code DateTime.parse}, which keeps the offset the
     * text gives, and {@code detail} is plain Jackson: maps, lists, strings, Integer, Long, Double, Boolean.
     */
    private static final ObjectMapper LAMBDA_RUNTIME = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
            .addModule(new SimpleModule().addDeserializer(DateTime.class, new FromStringDeserializer<>(DateTime.class) {
                @Override
                protected DateTime _deserialize(String value, DeserializationContext context) {
                    return DateTime.parse(value);
                }
            }))
            .build();

    /** The event as a handler declared {@code RequestHandler<ScheduledEvent, ?>} gets it from Lambda: a new copy each time. */
    public ScheduledEvent toScheduledEvent() {
        try {
            return LAMBDA_RUNTIME.readValue(json, ScheduledEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read event " + json, e);
        }
    }

    private abstract static class ScheduledEventNames {
        @JsonProperty("detail-type")
        abstract String getDetailType();

        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }
}
