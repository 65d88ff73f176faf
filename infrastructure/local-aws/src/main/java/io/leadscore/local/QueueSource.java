package io.leadscore.local;

import java.util.List;

/**
 * An SQS queue that invokes a function ({@code Type: SQS} event): Lambda's event source mapping of a queue.
 *
 * @param queueLogicalId the queue ({@code Queue: !GetAtt Queue.Arn}), an {@value #QUEUE_TYPE} of the template
 * @param batchSize               at most this many messages per invocation
 * @param reportBatchItemFailures whether the function's {@code batchItemFailures} response is honoured: without it,
 *                                a batch the function returns from is deleted whole
 */
public record QueueSource(String queueLogicalId, int batchSize, boolean reportBatchItemFailures) {

    static final String QUEUE_TYPE = "AWS::SQS::Queue";
    /** Lambda's default for a standard queue. */
    public static final int DEFAULT_BATCH_SIZE = 10;

    public QueueSource {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
    }

    static QueueSource parse(TemplateNode properties, TemplateNode template) {
        TemplateNode queue = properties.required("Queue");
        List<TemplateNode> getAtt = queue.get("Fn::GetAtt").elements();
        if (getAtt.size() != 2 || !getAtt.get(1).text().equals("Arn")
                || !template.get("Resources").get(getAtt.get(0).text()).get("Type").text("").equals(QUEUE_TYPE)) {
            throw queue.error("must be !GetAtt <Queue>.Arn of an " + QUEUE_TYPE + " of the template");
        }
        boolean reportFailures = properties.get("FunctionResponseTypes").elements().stream()
                .anyMatch(type -> type.text().equals("ReportBatchItemFailures"));
        return new QueueSource(getAtt.get(0).text(), properties.get("BatchSize").integer(DEFAULT_BATCH_SIZE),
                reportFailures);
    }
}
