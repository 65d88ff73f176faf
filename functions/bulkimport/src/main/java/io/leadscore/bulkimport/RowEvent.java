package io.leadscore.bulkimport;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.activity.FieldError;
import io.leadscore.bulk.Row;

import java.util.List;

/** A row of a chunk and the event it makes, or (event null) why it makes none, each error naming its field. */
record RowEvent(Row row, JsonNode event, List<FieldError> errors) {
}
