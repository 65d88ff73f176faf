package io.leadscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The on-demand list prices the price table uses, from {@code aws-prices.json} on bench's class path: the one file
 * that holds them, each with the date it was read and its source, so that a price that changes is changed there.
 */
public final class PriceList {
    static final String RESOURCE = "/aws-prices.json";

    /**
     * A list price: {@code usd} for {@code per} units.
     *
     * @param read   when the price was read from the source
     * @param source the provider's pricing page
     */
    public record Price(String id, double usd, double per, String unit, LocalDate read, URI source, String note) {
        /** Dollars for one unit. */
        public double perUnit() {
            return usd / per;
        }
    }

    private final String region;
    private final Map<String, Price> prices;

    private PriceList(String region, Map<String, Price> prices) {
        this.region = region;
        this.prices = prices;
    }

    /** The bundled price list. */
    public static PriceList load() {
        try (InputStream in = PriceList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the entry and the field, if a price lacks its value, date or source */
    static PriceList parse(JsonNode json) {
        String region = text(json, "region", "the price list");
        Map<String, Price> prices = new LinkedHashMap<>();
        JsonNode entries = json.path("prices");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new IllegalArgumentException("prices: is missing or empty");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String where = "prices[" + i + "]";
            String id = text(entry, "id", where);
            where = where + " (" + id + ")";
            double usd = number(entry, "usd", where, 0);
            double per = number(entry, "per", where, Double.MIN_VALUE);
            LocalDate read;
            try {
                read = LocalDate.parse(text(entry, "read", where));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(where + ".read: is not a date (yyyy-mm-dd)");
            }
            URI source = httpsUrl(text(entry, "source", where), where + ".source");
            if (prices.put(id, new Price(id, usd, per, text(entry, "unit", where), read, source,
                    entry.path("note").asText(""))) != null) {
                throw new IllegalArgumentException(where + ".id: is repeated");
            }
        }
        return new PriceList(region, Map.copyOf(prices));
    }

    public String region() {
        return region;
    }

    public Map<String, Price> prices() {
        return prices;
    }

    /** @throws IllegalArgumentException if the list has no such price */
    public Price price(String id) {
        Price price = prices.get(id);
        if (price == null) {
            throw new IllegalArgumentException("no price " + id + " in " + RESOURCE);
        }
        return price;
    }

    private static URI httpsUrl(String text, String where) {
        try {
            URI url = new URI(text);
            if ("https".equals(url.getScheme()) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below, as any other text that is not a URL
        }
        throw new IllegalArgumentException(where + ": is not an https URL");
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + ": is missing");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field, String where, double least) {
        JsonNode value = node.path(field);
        if (!value.isNumber() || value.asDouble() < least) {
            throw new IllegalArgumentException(where + "." + field + ": is missing or not a number of at least " + least);
        }
        return value.asDouble();
    }
}
