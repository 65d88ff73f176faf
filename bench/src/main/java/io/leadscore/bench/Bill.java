package io.leadscore.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * What a metered run costs per event at list prices: one line per line item and function, each the units an event
 * consumed, the price of a unit and the dollars per million events, and their total.
 */
public record Bill(List<Line> lines) {

    /** Which durations the Lambda GB-seconds are priced at. */
    public enum Durations {
        /** Every invocation as measured. */
        MEASURED,
        /** Every invocation of a function at its fastest in the run: what the machine's load added, taken out. */
        FASTEST
    }

    /** One line item of one function. */
    public record Line(LineItem item, String function, double unitsPerEvent, PriceList.Price price) {
        public double dollarsPerMillion() {
            return unitsPerEvent * price.perUnit() * 1_000_000;
        }
    }

    public Bill {
        lines = List.copyOf(lines);
    }

    /** The bill of what {@code meter} counted for {@code events} events. */
    public static Bill of(Meter meter, long events, PriceList prices, Durations durations) {
        if (events <= 0) {
            throw new IllegalArgumentException("events: must be at least 1, was " + events);
        }
        List<Line> lines = new ArrayList<>();
        for (LineItem item : LineItem.values()) {
            for (String function : meter.functions()) {
                double units = meter.units(function, item);
                if (item == LineItem.LAMBDA_GB_SECONDS && durations == Durations.FASTEST) {
                    units = meter.units(function, LineItem.LAMBDA_REQUESTS)
                            * meter.gbSeconds(function, meter.fastestMillis(function));
                }
                if (units > 0) {
                    lines.add(new Line(item, function, units / events,
                            prices.price(item.priceId(meter.architecture(function)))));
                }
            }
        }
        return new Bill(lines);
    }

    public double dollarsPerMillion() {
        return lines.stream().mapToDouble(Line::dollarsPerMillion).sum();
    }

    /** The units an event consumed of an item, all functions together. */
    public double unitsPerEvent(LineItem item) {
        return lines.stream().filter(line -> line.item() == item).mapToDouble(Line::unitsPerEvent).sum();
    }
}
