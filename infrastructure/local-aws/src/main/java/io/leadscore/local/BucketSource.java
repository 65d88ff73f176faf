package io.leadscore.local;

import java.util.Locale;

/**
 * Objects created in a bucket invoking a function ({@code Type: S3} event): S3's event notification, with its key
 * filter. Locally, {@link LocalS3} notices the objects and the runtime invokes the function with an {@code S3Event}.
 *
 * @param bucketLogicalId the bucket ({@code Bucket: !Ref Bucket}), an {@value #BUCKET_TYPE} of the template
 * @param prefix          the key's {@code prefix} rule, empty for none
 * @param suffix          the key's {@code suffix} rule, empty for none
 */
public record BucketSource(String bucketLogicalId, String prefix, String suffix) {

    static final String BUCKET_TYPE = "AWS::S3::Bucket";
    /** The only kind of S3 event with a local stand-in. */
    private static final String OBJECT_CREATED = "s3:ObjectCreated:";

    /** Whether an object created under this key invokes the function. */
    public boolean matches(String key) {
        return key.startsWith(prefix) && key.endsWith(suffix);
    }

    static BucketSource parse(TemplateNode properties, TemplateNode template) {
        TemplateNode bucket = properties.required("Bucket");
        String logicalId = bucket.get("Ref").text("");
        if (!template.get("Resources").get(logicalId).get("Type").text("").equals(BUCKET_TYPE)) {
            throw bucket.error("must be !Ref <Bucket> of an " + BUCKET_TYPE + " of the template");
        }
        TemplateNode events = properties.required("Events");
        boolean created = events.json().isArray()
                ? events.elements().stream().allMatch(event -> event.text().startsWith(OBJECT_CREATED))
                : events.text().startsWith(OBJECT_CREATED);
        if (!created) {
            throw events.error("only " + OBJECT_CREATED + "* events run locally");
        }
        String prefix = "";
        String suffix = "";
        for (TemplateNode rule : properties.get("Filter").get("S3Key").get("Rules").elements()) {
            switch (rule.required("Name").text().toLowerCase(Locale.ROOT)) {
                case "prefix" -> prefix = rule.required("Value").text();
                case "suffix" -> suffix = rule.required("Value").text();
                default -> throw rule.error("a key rule is named prefix or suffix");
            }
        }
        return new BucketSource(logicalId, prefix, suffix);
    }
}
