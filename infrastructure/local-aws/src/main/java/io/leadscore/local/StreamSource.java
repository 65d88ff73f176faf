package io.leadscore.local;

import java.time.Duration;
import java.util.List;

/**
 * A DynamoDB stream that invokes a function ({@code Type: DynamoDB} event): Lambda's event source mapping.
 *
 * @param tableLogicalId          the table whose stream it reads ({@code Stream: !GetAtt Table.StreamArn})
 * @param batchSize               at most this many records per invocation
 * @param filterPatterns          {@code FilterCriteria} patterns (JSON); a record passes if it matches any, or if there are none
 * @param reportBatchItemFailures whether the function's {@code batchItemFailures} response is honoured
 * @param maximumRetryAttempts    retries of a failing batch, or {@link #RETRY_UNTIL_EXPIRED}
 * @param onFailureQueue          the queue of the template ({@code DestinationConfig: OnFailure}) that is told of a
 *                                batch skipped after its retries, or null for none
 * @param maximumBatchingWindow   {@code MaximumBatchingWindowInSeconds}: how long records are gathered before a batch
 *                                that is not full goes to the function
 */
public record StreamSource(String tableLogicalId, int batchSize, List<String> filterPatterns,
                           boolean reportBatchItemFailures, int maximumRetryAttempts, String onFailureQueue,
                           Duration maximumBatchingWindow) {

    public static final int DEFAULT_BATCH_SIZE = 100;
    /** Lambda's default: a failing batch is retried until its records expire from the stream. */
    public static final int RETRY_UNTIL_EXPIRED = -1;

    /** Lambda's limit on {@code MaximumBatchingWindowInSeconds}. */
    static final Duration MAX_BATCHING_WINDOW = Duration.ofSeconds(300);

    public StreamSource {
        filterPatterns = List.copyOf(filterPatterns);
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(MAX_BATCHING_WINDOW) > 0) {
            throw new IllegalArgumentException("maximumBatchingWindow must be 0 to 300 s, not " + maximumBatchingWindow);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        if (maximumRetryAttempts < RETRY_UNTIL_EXPIRED) {
            throw new IllegalArgumentException("maximumRetryAttempts must be -1 or more, not " + maximumRetryAttempts);
        }
    }

    /** A source without a batching window: each batch goes as soon as its records are read. */
    public StreamSource(String tableLogicalId, int batchSize, List<String> filterPatterns,
                        boolean reportBatchItemFailures, int maximumRetryAttempts, String onFailureQueue) {
        this(tableLogicalId, batchSize, filterPatterns, reportBatchItemFailures, maximumRetryAttempts, onFailureQueue,
                Duration.ZERO);
    }

    static StreamSource parse(TemplateNode properties, TemplateNode template) {
        List<String> patterns = properties.get("FilterCriteria").get("Filters").elements().stream()
                .map(filter -> filter.required("Pattern").text())
                .toList();
        boolean reportFailures = properties.get("FunctionResponseTypes").elements().stream()
                .anyMatch(type -> type.text().equals("ReportBatchItemFailures"));
        return new StreamSource(table(properties.required("Stream"), template),
                properties.get("BatchSize").integer(DEFAULT_BATCH_SIZE), patterns, reportFailures,
                properties.get("MaximumRetryAttempts").integer(RETRY_UNTIL_EXPIRED),
                onFailureQueue(properties.get("DestinationConfig").get("OnFailure"), template),
                Duration.ofSeconds(properties.get("MaximumBatchingWindowInSeconds").integer(0)));
    }

    /** The queue of {@code OnFailure: {Type: SQS, Destination: !GetAtt Queue.Arn}}, the only form local mode follows. */
    private static String onFailureQueue(TemplateNode onFailure, TemplateNode template) {
        if (onFailure.isMissing()) {
            return null;
        }
        TemplateNode destination = onFailure.required("Destination");
        List<TemplateNode> getAtt = destination.get("Fn::GetAtt").elements();
        if (onFailure.get("Type").text("SQS").equals("SQS") && getAtt.size() == 2 && getAtt.get(1).text().equals("Arn")
                && template.get("Resources").get(getAtt.get(0).text()).get("Type").text("").equals(QueueSource.QUEUE_TYPE)) {
            return getAtt.get(0).text();
        }
        throw destination.error("must be !GetAtt <Queue>.Arn of an " + QueueSource.QUEUE_TYPE + " of the template");
    }

    /** The table of {@code Stream: !GetAtt Table.StreamArn}, the only form that local mode can follow. */
    private static String table(TemplateNode stream, TemplateNode template) {
        List<TemplateNode> getAtt = stream.get("Fn::GetAtt").elements();
        if (getAtt.size() == 2 && getAtt.get(1).text().equals("StreamArn")) {
            String table = getAtt.get(0).text();
            if (template.get("Resources").get(table).get("Type").text("").equals(TableDef.RESOURCE_TYPE)) {
                return table;
            }
        }
        throw stream.error("must be !GetAtt <Table>.StreamArn of an " + TableDef.RESOURCE_TYPE + " of the template");
    }
}
