package io.leadscore.cli;

import picocli.CommandLine.Command;

/** {@code leadscore reports ...}: what sales made of the MQLs, the funnel, the points calibration and the NPS. */
@Command(name = "reports", description = "The reports sales and marketing read: the MQL audit, leads and accounts by"
        + " stage, the points calibration and the NPS (from counters kept at write time).",
        subcommands = {AuditReport.class, StagesReport.class, CalibrationReport.class, NpsReport.class})
final class ReportsCommand extends CommandGroup {
}
