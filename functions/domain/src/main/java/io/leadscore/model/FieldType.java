package io.leadscore.model;

/**
 * The value type of an event property or profile field; conditions and validation check against it. An email is
 * text that must be an address: it decides the lead's account (its domain), so a non-address is refused at ingest.
 */
public enum FieldType {
    STRING, NUMBER, EMAIL;

    static FieldType parse(String text) {
        return switch (text) {
            case "string" -> STRING;
            case "number" -> NUMBER;
            case "email" -> EMAIL;
            default -> throw new IllegalArgumentException("type must be 'string', 'email' or 'number', not '" + text + "'");
        };
    }

    /** Whether values of this type are text (strings and emails), for conditions on text. */
    public boolean isText() {
        return this != NUMBER;
    }

    public boolean accepts(Object value) {
        return isText() ? value instanceof String : value instanceof Number;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
