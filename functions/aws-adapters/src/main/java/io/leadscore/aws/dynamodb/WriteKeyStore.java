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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sites' write keys, stored as SHA-256 hashes only: a leaked table never leaks a usable key. A key may only
 * write events. Lookups are cached per container for a minute, so revoking a key takes effect within one.
 *
 * <p>A key is of one kind. A <em>browser</em> key is in every page of its site, so anyone can read it: it is taken
 * only from its pages' origins, and for behaviour and the visitor's own identity (ingest refuses the rest). A
 * <em>server</em> key stays on the site's servers: it takes every event, and never comes from a browser.
 */
public final class WriteKeyStore {
    static final Duration CACHE_FOR = Duration.ofMinutes(1);
    private static final String KEY_KIND = "keyKind";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** Where a key may be used: see the class comment. */
    public enum Kind { BROWSER, SERVER }

    /**
     * The site a valid key writes for, the key (its hash: the rate limit's key), its kind, and for a browser key the
     * origins of the site's pages.
     */
    public record Site(String siteId, String keyId, Kind kind, List<String> allowedOrigins) {
        public Site {
            allowedOrigins = List.copyOf(allowedOrigins);
        }

        /**
         * Why a request with this Origin header (null: none) may not use the key, or empty when it may: a browser
         * always sends the Origin of a cross-site POST, and a server sends none.
         */
        public Optional<String> refusal(String origin) {
            if (kind == Kind.SERVER) {
                return origin == null ? Optional.empty() : Optional.of("this is a server key, never used from a"
                        + " browser (the request comes from " + origin + "): pages use the site's browser key");
            }
            if (origin == null) {
                return Optional.of("this is a browser key, taken only from its pages, and the request has no Origin:"
                        + " servers use the site's server key");
            }
            return allowedOrigins.contains("*") || allowedOrigins.contains(origin) ? Optional.empty()
                    : Optional.of("pages at " + origin + " may not send with this write key; add the origin to the"
                    + " key's allowed origins");
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

    /** Registers a server key of a site: it takes every event, from servers (no Origin) only. */
    public void register(String siteId, String writeKey) {
        register(siteId, writeKey, Kind.SERVER, List.of());
    }

    /**
     * Registers a browser key of a site whose pages at these origins (e.g. {@code https://www.acme.example}, or
     * {@code *} for any) send events.
     */
    public void register(String siteId, String writeKey, List<String> allowedOrigins) {
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("a browser key needs the origins of the site's pages");
        }
        register(siteId, writeKey, Kind.BROWSER, allowedOrigins);
    }

    private void register(String siteId, String writeKey, Kind kind, List<String> allowedOrigins) {
        dynamo.putItem(PutItemRequest.builder().tableName(table)
                .item(AttributeValues.item(Map.of(LeadTable.PK, pk(hash(writeKey)), LeadTable.SK, "WRITEKEY",
                        LeadTable.KIND, LeadTable.WRITE_KEY, "siteId", siteId, "status", "active",
                        KEY_KIND, kind.name().toLowerCase(Locale.ROOT), "allowedOrigins", allowedOrigins,
                        "createdAt", clock.instant().toString())))
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
        // A key registered before kinds existed is a browser key when it lists origins.
        Kind kind = item.containsKey(KEY_KIND) ? Kind.valueOf(item.get(KEY_KIND).s().toUpperCase(Locale.ROOT))
                : origins.isEmpty() ? Kind.SERVER : Kind.BROWSER;
        return Optional.of(new Site(item.get("siteId").s(), hash, kind, origins));
    }

    private static String pk(String hash) {
        return "WRITEKEY#" + hash;
    }

    private static String hash(String writeKey) {
        return Sha256.hex(writeKey);
    }
}
