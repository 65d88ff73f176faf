package io.leadscore.bulkimport;

import io.leadscore.aws.dynamodb.ImportProgressStore.ImportId;
import io.leadscore.aws.lambda.AwsClients;
import io.leadscore.aws.lambda.Environment;
import io.leadscore.bulk.ByteRange;
import io.leadscore.bulk.ImportResult;
import io.leadscore.support.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The import bucket as the import functions use it: an upload's size and ETag, ranged reads of the upload as it was
 * when split ({@code If-Match} its ETag), and the result written beside it, tagged for the bucket's lifecycle.
 */
final class ImportObjects {
    /** Read by {@link #client}: where S3 is when it is not AWS's. */
    static final String S3_ENDPOINT = "S3_ENDPOINT";
    /** The tag the bucket's lifecycle rule expires results by (template.yaml, ImportBucket). */
    static final String RESULT_TAG = "leadscore-import=result";

    private final S3Client s3;

    ImportObjects(S3Client s3) {
        this.s3 = s3;
    }

    /** Path-style addressing locally: the stand-in serves buckets as paths, not host names. */
    static S3Client client(Environment env) {
        return AwsClients.configure(S3Client.builder().forcePathStyle(env.get(S3_ENDPOINT).isPresent()), env, S3_ENDPOINT);
    }

    /** The upload as it is now: its size, and its id with the ETag that the chunks will insist on. */
    record Upload(ImportId id, long size) {
    }

    Upload head(String bucket, String key) {
        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
        return new Upload(new ImportId(bucket, key, head.eTag()), head.contentLength());
    }

    byte[] read(ImportId id, ByteRange range) {
        return s3.getObjectAsBytes(request -> request.bucket(id.bucket()).key(id.key()).ifMatch(id.eTag())
                .range(range.httpRange())).asByteArray();
    }

    void writeResult(ImportId id, ImportResult result) {
        s3.putObject(request -> request.bucket(id.bucket()).key(ImportResult.keyFor(id.key()))
                        .contentType("application/json").tagging(RESULT_TAG),
                RequestBody.fromString(Json.write(result)));
    }
}
