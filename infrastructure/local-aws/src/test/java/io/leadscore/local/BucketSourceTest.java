package io.leadscore.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template's S3 event, as local mode reads it: which bucket, and which keys invoke the function. */
class BucketSourceTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());

    @Test
    void theSplitterRunsForJsonLinesUnderEventsAndCsvUnderLeadsOnly() {
        List<BucketSource> sources = TEMPLATE.function("ImportSplitFunction").bucketSources();
        assertEquals(List.of(new BucketSource("ImportBucket", "events/", ".jsonl"),
                new BucketSource("ImportBucket", "leads/", ".csv")), sources);
        BucketSource events = sources.get(0);
        assertTrue(events.matches("events/2026/history.jsonl"));
        assertFalse(events.matches("events/history.jsonl.result.json"), "the result written beside it");
        assertFalse(events.matches("leads/hubspot/contacts.jsonl"));
        BucketSource leads = sources.get(1);
        assertTrue(leads.matches("leads/hubspot/contacts.csv"));
        assertFalse(leads.matches("leads/hubspot/contacts.csv.result.json"), "the result written beside it");
        assertEquals(List.of("ImportSplitFunction"), TEMPLATE.functions().stream()
                .filter(function -> !function.bucketSources().isEmpty()).map(FunctionDef::logicalId).toList());
    }
}
