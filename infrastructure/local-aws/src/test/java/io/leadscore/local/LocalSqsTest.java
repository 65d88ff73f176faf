package io.leadscore.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SendMessage and SendMessageBatch from the SDK's own client reach the function that reads the queue. */
class LocalSqsTest {

    @Test
    void messagesSentReachTheQueuesConsumerInOrder() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        LocalQueue queue = new LocalQueue("ChunkQueue").consumedBy(new QueueSource("ChunkQueue", 1, true), event -> {
            event.getRecords().forEach(message -> received.add(message.getBody()));
            return new SQSBatchResponse(List.of());
        });
        try (LocalSqs sqs = LocalSqs.start(id -> {
            assertEquals("ChunkQueue", id);
            return queue;
        }); SqsClient client = SqsClient.builder().endpointOverride(sqs.endpoint()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.CREDENTIALS).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String url = "https://sqs.us-east-1.amazonaws.com/000000000000/ChunkQueue";
            client.sendMessage(request -> request.queueUrl(url).messageBody("one"));
            var answer = client.sendMessageBatch(request -> request.queueUrl("ChunkQueue").entries(
                    SendMessageBatchRequestEntry.builder().id("a").messageBody("two").build(),
                    SendMessageBatchRequestEntry.builder().id("b").messageBody("three").build()));
            assertEquals(List.of("a", "b"), answer.successful().stream().map(entry -> entry.id()).toList());
            for (int i = 0; i < 100 && received.size() < 3; i++) {
                Thread.sleep(20);
            }
            assertEquals(List.of("one", "two", "three"), received);
        }
    }
}
