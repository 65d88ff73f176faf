package io.leadscore.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;

/** A job as the user reads it: its state and counts, the leads that failed, and a finished backtest's report. */
final class JobReport {
    private JobReport() {
    }

    /** Failed, or done with leads in error: the tool exits 1, so that a script notices. */
    static int exitCode(JsonNode job) {
        return "failed".equals(job.path("status").asText()) || job.path("leads").path("errors").asLong() > 0
                ? ExitCode.FAILED : ExitCode.DONE;
    }

    static int print(JsonNode job, PrintWriter out, Format format) {
        JsonNode segments = job.path("segments");
        JsonNode leads = job.path("leads");
        new Table(null, "job", "type", "model", "revision", "status", "segments", "leads", "changed", "unchanged",
                "errors")
                .row(job.path("jobId").asText(), job.path("type").asText(), JsonText.of(job.path("modelId")),
                        JsonText.of(job.path("revision")), job.path("status").asText(),
                        segments.path("done").asLong() + "/" + segments.path("total").asLong(),
                        leads.path("done").asLong(), leads.path("changed").asLong(),
                        leads.path("unchanged").asLong(), leads.path("errors").asLong())
                .print(out, format);
        Table errors = new Table("Errors", "lead", "error");
        job.path("errors").forEach(e -> errors.row(JsonText.of(e.path("leadId")), JsonText.of(e.path("error"))));
        if (!errors.isEmpty()) {
            Table.gap(out, format);
            errors.print(out, format);
        }
        if (job.path("report").isObject()) {
            Table.gap(out, format);
            BacktestReportView.print(job.path("report"), out, format);
        }
        out.flush();
        return exitCode(job);
    }
}
