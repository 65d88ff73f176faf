package io.leadscore.bench;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size as DynamoDB bills it: each attribute's name in UTF-8 bytes plus its value's size (a string its
 * UTF-8 bytes, a number 1 byte per two significant digits plus 1, a binary its bytes, a boolean or null 1, a list or
 * map 3 plus 1 an element plus its elements, names included, a set its elements).
 */
final class ItemSize {
    private ItemSize() {
    }

    static long bytes(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return bytes;
    }

    private static long value(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        } else if (value.n() != null) {
            return number(value.n());
        } else if (value.b() != null) {
            return value.b().asByteArray().length;
        } else if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        } else if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(element -> 1 + value(element)).sum();
        } else if (value.hasM()) {
            return 3 + value.m().entrySet().stream()
                    .mapToLong(entry -> 1 + utf8(entry.getKey()) + value(entry.getValue())).sum();
        } else if (value.hasSs()) {
            return value.ss().stream().mapToLong(ItemSize::utf8).sum();
        } else if (value.hasNs()) {
            return value.ns().stream().mapToLong(ItemSize::number).sum();
        } else if (value.hasBs()) {
            return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
        }
        return 0;
    }

    private static long number(String number) {
        String digits = new BigDecimal(number).unscaledValue().abs().toString().replaceAll("^0+|0+$", "");
        return Math.max(1, (digits.length() + 1) / 2) + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
