package io.leadscore.aws.dynamodb;

import io.leadscore.support.Sha256;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sites' write keys, stored as SHA-256 hashes only: a leaked table never leaks a usable key. A key may only
 * write events. Lookups are cached per container for a minute, so revoking a key takes effect within one.
 */
public final class WriteKeyStore {
    static final Duration CACHE_FOR = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * The site a valid key writes for, and the web origins its pages may send from. A request without an
     * Origin (a server) is always allowed; a browser's only from a listed origin, or any with {@code *}.
     */
    public record Site(String siteId, List<String> allowedOrigins) {
        public Site {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        public boolean allows(String origin) {
            return origin == null || allowedOrigins.contains("*") || allowedOrigins.contains(origin);
        }
    }

    private record Cached(Optional<Site> site, Instant until) {
    }

    public WriteKeyStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public Optional<Site> authenticate(String writeKey) {
        if (writeKey == null || writeKey.isBlank() || writeKey.length() > 256) {
            return Optional.empty();
        }
        String hash = hash(writeKey);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached == null || now.isAfter(cached.until())) {
            cached = new Cached(lookup(hash), now.plus(CACHE_FOR));
            cache.put(hash, cached);
        }
        return cached.site();
    }

    /** Registers a key for a site's servers only: no browser origin may use it. */
    public void register(String siteId, String writeKey) {
        register(siteId, writeKey, List.of());
    }

    /** Registers a key for a site whose pages at these origins (e.g. {@code https://www.acme.example}) send events. */
    public void register(String siteId, String writeKey, List<String> allowedOrigins) {
        dynamo.putItem(PutItemRequest.builder().tableName(table)
                .item(AttributeValues.item(Map.of(LeadTable.PK, pk(hash(writeKey)), LeadTable.SK, "WRITEKEY",
                        LeadTable.KIND, LeadTable.WRITE_KEY, "siteId", siteId, "status", "active",
                        "allowedOrigins", allowedOrigins, "createdAt", clock.instant().toString())))
                .build());
    }

    private Optional<Site> lookup(String hash) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(LeadTable.key(pk(hash), "WRITEKEY")).build()).item();
        if (item == null || item.isEmpty() || !"active".equals(item.get("status").s())) {
            return Optional.empty();
        }
        List<String> origins = item.containsKey("allowedOrigins")
                ? item.get("allowedOrigins").l().stream().map(AttributeValue::s).toList() : List.of();
        return Optional.of(new Site(item.get("siteId").s(), origins));
    }

    private static String pk(String hash) {
        return "WRITEKEY#" + hash;
    }

    private static String hash(String writeKey) {
        return Sha256.hex(writeKey);
    }
}
