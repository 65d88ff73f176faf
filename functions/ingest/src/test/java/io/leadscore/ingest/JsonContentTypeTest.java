package io.leadscore.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
            "text/plain;charset=UTF-8", "text/plain", " text/plain ; charset=utf-8"})
    void readsJsonAndWhatSendBeaconSends(String contentType) {
        assertTrue(JsonContentType.accepts(contentType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plainish", "application/json-seq", "application/jsonp", "application/ld+json",
            "text/html", "text/csv; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "text", ";text/plain"})
    void refusesEveryOtherType(String contentType) {
        assertFalse(JsonContentType.accepts(contentType));
    }
}
