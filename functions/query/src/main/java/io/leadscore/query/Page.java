package io.leadscore.query;

import java.util.List;

/** What every list of the query API answers: a page of items and the cursor of the next page (null: the last). */
record Page<T>(List<T> items, String next) {
}
