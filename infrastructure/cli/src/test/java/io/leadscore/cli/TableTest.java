package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TableTest {

    private static String print(Table table, Format format) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out), format);
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void aTableAlignsTextLeftAndNumbersRight() {
        Table table = new Table("Rules", "rule", "points").row("pricing-page", 15).row("unsubscribe", -100);

        assertEquals("""
                Rules
                rule          points
                pricing-page      15
                unsubscribe     -100
                """, print(table, Format.TABLE));
    }

    @Test
    void csvQuotesOnlyWhatMustBeQuotedAndEndsRecordsWithCrLf() {
        Table table = new Table(null, "setting", "note")
                .row("rule:a", "plain")
                .row("rule:b", "comma, here")
                .row("rule:c", "say \"hi\"")
                .row("rule:d", "two\nlines")
                .row("rule:e", " padded");

        assertEquals("setting,note\r\nrule:a,plain\r\nrule:b,\"comma, here\"\r\nrule:c,\"say \"\"hi\"\"\"\r\n"
                + "rule:d,\"two\nlines\"\r\nrule:e,\" padded\"\r\n", print(table, Format.CSV));
    }
}
