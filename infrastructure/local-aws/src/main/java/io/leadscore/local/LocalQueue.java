package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.lang.System.Logger.Level.WARNING;

/**
 * An SQS queue of the template in process, with Lambda's event source mapping over it when a function has one
 * ({@link QueueSource}): {@link #send} keeps a message, {@link #deliver} hands what is kept to the function in batches
 * and keeps what it failed on (reported in {@code batchItemFailures}, or the whole batch when it throws), as a message
 * comes back after its visibility timeout. No consumer: the messages wait, as in a queue that a person reads.
 */
public final class LocalQueue {
    private static final System.Logger LOG = System.getLogger(LocalQueue.class.getName());

    private final String logicalId;
    private final List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    private QueueSource source;
    private Function<SQSEvent, SQSBatchResponse> consumer;

    public LocalQueue(String logicalId) {
        this.logicalId = logicalId;
    }

    public String logicalId() {
        return logicalId;
    }

    /** The function this queue invokes, through the template's {@code Type: SQS} event. */
    public synchronized LocalQueue consumedBy(QueueSource source, Function<SQSEvent, SQSBatchResponse> consumer) {
        if (!source.queueLogicalId().equals(logicalId)) {
            throw new IllegalArgumentException("the source reads " + source.queueLogicalId() + ", not " + logicalId);
        }
        this.source = source;
        this.consumer = consumer;
        return this;
    }

    /** Keeps the message, then delivers what the queue holds. */
    public void send(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn("arn:aws:sqs:local:000000000000:" + logicalId);
        synchronized (this) {
            messages.add(message);
        }
        deliver();
    }

    /** Hands every message held to the consumer once, batch by batch; keeps those it failed on. */
    public synchronized void deliver() {
        if (consumer == null) {
            return;
        }
        List<SQSEvent.SQSMessage> failed = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += source.batchSize()) {
            List<SQSEvent.SQSMessage> batch = messages.subList(from, Math.min(messages.size(), from + source.batchSize()));
            failed.addAll(invoke(List.copyOf(batch)));
        }
        messages.clear();
        messages.addAll(failed);
    }

    /** The bodies of the messages held: none consumed yet, or failed. */
    public synchronized List<String> bodies() {
        return messages.stream().map(SQSEvent.SQSMessage::getBody).toList();
    }

    private List<SQSEvent.SQSMessage> invoke(List<SQSEvent.SQSMessage> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(batch));
        SQSBatchResponse response;
        try {
            response = consumer.apply(event);
        } catch (RuntimeException e) {
            LOG.log(WARNING, "The consumer of " + logicalId + " failed on a batch; its messages stay in the queue", e);
            return batch;
        }
        if (!source.reportBatchItemFailures() || response == null || response.getBatchItemFailures() == null) {
            return List.of();
        }
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        return batch.stream().filter(message -> failed.contains(message.getMessageId())).toList();
    }
}
