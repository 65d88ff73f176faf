package io.leadscore.model;

import java.util.List;

/** An event type the model accepts, with the properties an event of it must carry. */
public record EventType(String name, List<String> requiredProperties) {
}
