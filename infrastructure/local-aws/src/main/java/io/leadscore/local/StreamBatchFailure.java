package io.leadscore.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;

/**
 * What Lambda sends to a stream event source's on-failure destination when it skips a batch after its retries: where
 * the batch was in the stream and when its records arrived ({@code DDBStreamBatchInfo}), not the records.
 */
public record StreamBatchFailure(String streamArn, String shardId, String startSequenceNumber, String endSequenceNumber,
                                 Instant firstArrival, Instant lastArrival, int batchSize, int attempts) {

    /** The message body, as Lambda writes it to an SQS destination. */
    public String toJson() {
        ObjectNode message = new ObjectMapper().createObjectNode();
        message.putObject("requestContext").put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", attempts);
        message.put("version", "1.0").put("timestamp", Instant.now().toString());
        message.putObject("DDBStreamBatchInfo").put("shardId", shardId).put("startSequenceNumber", startSequenceNumber)
                .put("endSequenceNumber", endSequenceNumber)
                .put("approximateArrivalOfFirstRecord", firstArrival.toString())
                .put("approximateArrivalOfLastRecord", lastArrival.toString())
                .put("batchSize", batchSize).put("streamArn", streamArn);
        return message.toString();
    }
}
