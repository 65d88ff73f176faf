package io.leadscore.cli;

import org.junit.jupiter.api.Test;

import static io.leadscore.cli.FakeAdminApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** predict train: a training run started with the fields asked, followed until done, its report as tables. */
class TrainCommandTest extends AgainstFakeApi {
    private static final String TRAININGS = "/v1/models/default/trainings";

    @Test
    void trainStartsARunWaitsForItAndPrintsTheReportAsAlignedTables() {
        api.on("POST", TRAININGS, json(202, "training-started.json"));
        api.on("GET", TRAININGS + "/train-1", json(200, "training-running.json"), json(200, "training-done.json"));

        Cli.Run run = run("predict", "train", "default", "--label", "won", "--horizon-days", "45", "--held-out-days",
                "100", "--criterion", "capacity", "--leads-per-week", "25", "--wait");

        assertEquals(0, run.exit(), run.err());
        assertEquals(Cli.json("{\"label\":\"won\",\"horizonDays\":45,\"heldOutDays\":100,\"criterion\":\"capacity\","
                + "\"leadsPerWeek\":25}"), Cli.json(api.received().get(0).body()));
        assertEquals(3, api.received().size(), "polled until done");
        assertEquals("""
                Training run train-1
                field                          value
                status                         done
                based on revision              2
                leads read                     2000
                training examples (converted)  5120 (212)
                held-out examples (converted)  1800 (61)
                held-out AUC                   0.841
                suggested cut                  0.152
                precision at the cut           0.410
                recall at the cut              0.620
                points fit: AUC                0.802
                points fit: cut                0.180
                found nothing                  false
                draft revision                 3
                finding                        AUC 0.84 on the held-out period.

                Top features
                feature                  weight  effect  odds ratio  direction
                rule:demo-request:30d    1.9123   0.574        1.77  raises
                rule:careers-page:hits  -0.4000  -0.440        0.64  lowers

                Calibration (held-out period, by decile of predicted probability)
                decile  examples  mean predicted  observed
                     1       180           0.002     0.000
                    10       180           0.254     0.228
                """, run.out());
    }

    @Test
    void withoutWaitItPrintsTheRunsId() {
        api.on("POST", TRAININGS, json(202, "training-started.json"));

        Cli.Run run = run("predict", "train", "default");

        assertEquals(0, run.exit(), run.err());
        assertEquals("train-1\n", run.out());
        assertEquals("{}", api.received().get(0).body(), "the defaults: an empty object");
    }
}
