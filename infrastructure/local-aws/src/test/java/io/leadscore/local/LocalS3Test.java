package io.leadscore.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 calls of the import functions, made with the SDK's own client against folders. */
class LocalS3Test {
    private Path folder;
    private LocalS3 s3;
    private S3Client client;

    @BeforeEach
    void start() throws Exception {
        folder = Files.createTempDirectory("local-s3");
        long started = System.nanoTime();
        s3 = LocalS3.start(Map.of("import-bucket", folder));
        System.out.printf("LocalS3 started in %.1f ms%n", (System.nanoTime() - started) / 1e6);
        client = S3Client.builder().forcePathStyle(true).endpointOverride(s3.endpoint()).region(LocalAws.REGION)
                .credentialsProvider(LocalAws.CREDENTIALS).httpClientBuilder(
                        software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        s3.close();
    }

    @Test
    void anObjectPutIsAFileAndReadsBackWholeOrByRangeWithItsETag() throws Exception {
        client.putObject(request -> request.bucket("import-bucket").key("events/a b.jsonl"),
                RequestBody.fromString("line one\nline two\n"));
        assertEquals("line one\nline two\n", Files.readString(folder.resolve("events/a b.jsonl")));
        HeadObjectResponse head = client.headObject(request -> request.bucket("import-bucket").key("events/a b.jsonl"));
        assertEquals(18L, head.contentLength());
        // The MD5 of the content, as S3 gives for a single-part upload.
        assertEquals("\"5d0b0ac1dd9fdd6a13a3e1f7f8e6a77c\"".length(), head.eTag().length());
        assertEquals("line two", new String(client.getObjectAsBytes(request -> request.bucket("import-bucket")
                .key("events/a b.jsonl").ifMatch(head.eTag()).range("bytes=9-16")).asByteArray(), StandardCharsets.UTF_8));
        assertEquals("line one\nline two\n", client.getObjectAsBytes(request -> request.bucket("import-bucket")
                .key("events/a b.jsonl")).asUtf8String());
    }

    @Test
    void aReadOfAChangedObjectByItsOldETagIsRefused() throws Exception {
        Files.createDirectories(folder.resolve("events"));
        Files.writeString(folder.resolve("events/x.jsonl"), "old\n");
        String eTag = client.headObject(request -> request.bucket("import-bucket").key("events/x.jsonl")).eTag();
        Files.writeString(folder.resolve("events/x.jsonl"), "new and longer\n");
        S3Exception refused = assertThrows(S3Exception.class, () -> client.getObjectAsBytes(request -> request
                .bucket("import-bucket").key("events/x.jsonl").ifMatch(eTag).range("bytes=0-2")));
        assertEquals(412, refused.statusCode());
        assertEquals(404, assertThrows(S3Exception.class, () -> client.headObject(request -> request
                .bucket("import-bucket").key("events/none.jsonl"))).statusCode());
        assertEquals(400, assertThrows(S3Exception.class, () -> client.getObjectAsBytes(request -> request
                .bucket("import-bucket").key("../outside"))).statusCode());
    }

    @Test
    void theWatcherHandsOverEachNewFileOnceWholeAndSkipsImportedOnesAndDotFiles() throws Exception {
        Files.createDirectories(folder.resolve("events"));
        Files.writeString(folder.resolve("events/done.jsonl"), "{}\n");
        Files.writeString(folder.resolve("events/done.jsonl.result.json"), "{}");
        Files.writeString(folder.resolve("events/waiting.jsonl"), "{}\n{}\n");
        List<LocalS3.CreatedObject> created = new CopyOnWriteArrayList<>();
        s3.watch("import-bucket", Duration.ofMillis(50), created::add);
        Path part = Files.writeString(folder.resolve(".partial"), "{}\n{}\n{}\n");
        Files.move(part, folder.resolve("events/new.jsonl"), StandardCopyOption.ATOMIC_MOVE);
        for (int i = 0; i < 100 && created.size() < 3; i++) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        // The result is an object too: the function's key filter (BucketSource) is what leaves it out.
        assertEquals(List.of("events/done.jsonl.result.json", "events/new.jsonl", "events/waiting.jsonl"),
                created.stream().map(LocalS3.CreatedObject::key).sorted().toList());
        LocalS3.CreatedObject newOne = created.stream().filter(c -> c.key().equals("events/new.jsonl")).findFirst().orElseThrow();
        assertEquals(9L, newOne.size());
        assertTrue(newOne.eTag().startsWith("\""), newOne.eTag());
        var record = newOne.toEvent().getRecords().get(0);
        assertEquals(List.of("import-bucket", "events/new.jsonl", 9L), List.of(record.getS3().getBucket().getName(),
                record.getS3().getObject().getKey(), record.getS3().getObject().getSizeAsLong()));
    }

    @Test
    void anAwsChunkedBodyIsItsPayload() {
        byte[] chunked = "5;chunk-signature=ab\r\nhello\r\n3\r\n wo\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals("hello wo", new String(LocalS3.unchunk(chunked), StandardCharsets.US_ASCII));
    }
}
