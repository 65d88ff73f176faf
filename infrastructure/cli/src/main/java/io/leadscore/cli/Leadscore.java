package io.leadscore.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The {@code leadscore} command: the scoring model's lifecycle (validate, draft, compare, backtest, publish, roll
 * back), the CRM's verdicts, the reports, segments of the leads, and erasing or exporting a person's data, against
 * the API of a running deployment.
 * The options here apply to every subcommand, before or after its name.
 */
@Command(name = "leadscore", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        versionProvider = Leadscore.Version.class,
        description = {"Works with leadscore's scoring models, sales feedback, reports, lead segments, people's data"
                + " and operations through the API of a running deployment: the local runtime (with its admin key) or a"
                + " stack in AWS (with SigV4-signed requests)."},
        subcommands = {ModelsCommand.class, JobsCommand.class, PredictCommand.class, FeedbackCommand.class, ReportsCommand.class,
                ListLeads.class, ExportCommand.class, ImportCommand.class,
                PrivacyCommand.class, OpsCommand.class, HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
                "0:done",
                "1:failed: the API refused the request (its error is printed), the model is invalid, or the job"
                        + " failed or some of its leads did",
                "2:wrong usage: an unknown command or option, a missing argument, or no AWS credentials or region",
                "3:the endpoint could not be reached, or a file could not be read or written"})
public final class Leadscore implements Callable<Integer> {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:3000";
    /** The lifecycle in commands; on the top command only (a footer in the annotation would be inherited). */
    private static final String[] EXAMPLES = {
            "%nExamples:",
            "  leadscore models validate my-model.yaml",
            "  export LEADSCORE_ADMIN_KEY=ak_...    # the local runtime's banner prints it",
            "  leadscore models draft default --file my-model.yaml --notes \"Q3 review\"",
            "  leadscore models compare default --from 2 --to 3",
            "  leadscore models backtest default 3",
            "  leadscore models publish default 3   # an older revision: the rollback",
            "  leadscore feedback import outcomes.csv --map leadId=Email,type=Stage --type \"Closed Lost=lost\"",
            "  leadscore reports audit --from 2026-11-01 --to 2026-11-30",
            "  leadscore reports calibration --reached won --format csv",
            "  leadscore leads --segment stage=mql,sql --segment grade=A,B --format csv > outreach.csv",
            "  leadscore export leads --format jsonl --out leads.jsonl",
            "  leadscore import leads contacts.csv --mapping hubspot",
            "  leadscore import events history.jsonl --rate 500/s   # again after Ctrl-C: resumes",
            "  leadscore privacy erase dana@acme.example",
            "  leadscore ops redrive --from 2026-11-30T10:00:00Z --to 2026-11-30T12:00:00Z",
            "  leadscore --endpoint https://API_ID.execute-api.eu-west-1.amazonaws.com --aws models list default"};

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:LEADSCORE_ENDPOINT:-" + DEFAULT_ENDPOINT + "}",
            description = "The API's base URL (env LEADSCORE_ENDPOINT; default ${DEFAULT-VALUE}, the local runtime).")
    URI endpoint;

    @Option(names = "--admin-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            defaultValue = "${env:LEADSCORE_ADMIN_KEY}",
            description = "The local runtime's admin key, sent as 'authorization: Bearer KEY' (env LEADSCORE_ADMIN_KEY,"
                    + " which keeps it out of the process list; the runtime's banner prints it).")
    String adminKey;

    @Option(names = "--aws", scope = ScopeType.INHERIT,
            description = "Sign requests with SigV4 (service execute-api) for a stack in AWS, with the SDK's"
                    + " credentials (environment, profile, credential_process, role).")
    boolean aws;

    @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
            description = "With --aws: the stack's region (default: from an execute-api endpoint, AWS_REGION or the"
                    + " profile). Implies --aws.")
    String region;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "With --aws: the AWS profile whose credentials sign (default: AWS_PROFILE or the default"
                    + " chain). Implies --aws.")
    String profile;

    @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned text), csv (RFC 4180; the API's own CSV where it has one) or json (the"
                    + " API's JSON as it answered); export writes csv or jsonl (a JSON document a line)."
                    + " Default: ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    private final PrintStream progress;
    private final boolean interactive;
    private final Duration pollEvery;
    private final HttpClient http;

    /** As run from a shell: progress on stderr, redrawn in place when the tool runs in a terminal. */
    public Leadscore() {
        this(System.err, System.console() != null, Duration.ofSeconds(1));
    }

    Leadscore(PrintStream progress, boolean interactive, Duration pollEvery) {
        this.progress = progress;
        this.interactive = interactive;
        this.pollEvery = pollEvery;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) {
        System.exit(commandLine(new Leadscore()).execute(args));
    }

    /**
     * The command line with the tool's conventions: case-insensitive formats, failures printed without a trace and
     * turned into the documented exit codes. Public for tests that run the tool in-process (end to end).
     */
    public static CommandLine commandLine(Leadscore leadscore) {
        CommandLine cli = new CommandLine(leadscore);
        cli.getCommandSpec().usageMessage().footer(EXAMPLES);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof Failure failure) {
                err.println("leadscore: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            err.println("leadscore: unexpected error (please report it):");
            e.printStackTrace(err);
            err.flush();
            return ExitCode.FAILED;
        });
        return cli;
    }

    /** {@code leadscore} alone: what it can do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    AdminApi api() {
        String scheme = endpoint.getScheme();
        if (endpoint.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new Failure(ExitCode.USAGE, "--endpoint must be an http(s) URL, e.g. " + DEFAULT_ENDPOINT
                    + " (was " + endpoint + ")");
        }
        return new AdminApi(endpoint, http, authorizer());
    }

    private Authorizer authorizer() {
        if (aws || region != null || profile != null) {
            return SigV4Authorizer.forEndpoint(endpoint, region, profile);
        }
        return adminKey == null || adminKey.isBlank() ? Authorizer.NONE : Authorizer.adminKey(adminKey.strip());
    }

    Format format() {
        return format;
    }

    JobWatcher jobWatcher(AdminApi api) {
        return new JobWatcher(api, pollEvery, () -> JobProgress.on(progress, interactive));
    }

    ImportProgress importProgress(String task, int rows) {
        return ImportProgress.rows(progress, interactive, task, rows);
    }

    ImportProgress fileProgress(String task, long bytes) {
        return ImportProgress.file(progress, interactive, task, bytes);
    }

    /** The version from the jar's manifest, written by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Leadscore.class.getPackage().getImplementationVersion();
            return new String[]{"leadscore " + (version == null ? "(development build)" : version)};
        }
    }
}
