package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The pages of {@code GET /v1/leads} in order, each asked for only once the one before has been handled: what a
 * command does with a page (print it, write it to a file) is done before the next is fetched, so a segment of any
 * size goes through in one page's memory.
 */
final class LeadPages {
    static final int PAGE = 100;
    /** The header in which a CSV page gives the next page's cursor (the JSON's "next"). */
    private static final String NEXT_CURSOR = "x-next-cursor";

    private LeadPages() {
    }

    /** Follows the cursor to the last page, or until {@code limit} leads (null: no limit) were asked for. */
    static void follow(AdminApi api, Map<String, String> filters, Integer limit, boolean csv, Consumer<Reply> handle) {
        int asked = 0;
        String cursor = null;
        do {
            // A page that has a next one is full: what was asked is what came.
            int size = limit == null ? PAGE : Math.min(PAGE, limit - asked);
            asked += size;
            Reply page = api.leads(filters, size, cursor, csv);
            handle.accept(page);
            cursor = csv ? page.header(NEXT_CURSOR).orElse(null) : next(page);
        } while (cursor != null && (limit == null || asked < limit));
    }

    private static String next(Reply page) {
        JsonNode next = page.json().path("next");
        return next.isTextual() ? next.asText() : null;
    }
}
