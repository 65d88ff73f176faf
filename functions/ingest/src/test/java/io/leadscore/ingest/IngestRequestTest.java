package io.leadscore.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.leadscore.aws.http.ApiError;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Reading requests without a table: what each step reads, or the error it refuses with. */
class IngestRequestTest {

    @Test
    void readsTheHeaderKeyOfAJsonRequest() {
        assertEquals(new Parsed.Read<>(new PresentedWriteKey("wk_site", "x-write-key")),
                IngestRequest.writeKey(post(Map.of("content-type", "application/json", "x-write-key", "wk_site"), "")));
    }

    @Test
    void refusesABodyItCannotReadBeforeAMissingKey() {
        Parsed.Refused<?> refused = assertInstanceOf(Parsed.Refused.class,
                IngestRequest.writeKey(post(Map.of("content-type", "text/html"), "{}")));
        assertEquals(415, refused.status());
        assertEquals("content-type", refused.error().field());
    }

    @Test
    void namesTheEventsOfABatchByTheirPlace() {
        PostedEvents batch = read("{\"events\": [{\"eventId\": \"a\"}, {\"eventId\": \"b\"}]}");
        assertEquals(2, batch.events().size());
        assertEquals("b", batch.events().get(1).get("eventId").asText());
        assertEquals("events[1]", batch.path(1));
    }

    @Test
    void namesALoneEventFromTheTop() {
        PostedEvents lone = read("{\"eventId\": \"a\"}");
        assertEquals(1, lone.events().size());
        assertEquals("", lone.path(0));
    }

    @Test
    void refusesABatchWithOtherMembers() {
        assertEquals(new Parsed.Refused<>(400, new ApiError("invalid_body",
                        "a batch holds only \"events\"; unknown: [site]", "site")),
                IngestRequest.events(post(Map.of(), "{\"events\": [{}], \"site\": \"x\"}")));
    }

    private static PostedEvents read(String body) {
        return ((Parsed.Read<PostedEvents>) IngestRequest.events(post(Map.of(), body))).value();
    }

    private static APIGatewayV2HTTPEvent post(Map<String, String> headers, String body) {
        return IngestTestbed.post(headers, body, false);
    }
}
