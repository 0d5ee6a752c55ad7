package dev.sealgate.cli;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.HostPattern;
import dev.sealgate.audit.AuditFilter;
import dev.sealgate.audit.AuditLineFormat;
import dev.sealgate.audit.AuditReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class ProxyLogsCommand implements Callable<Integer> {
  final CommandSpec spec =
      CommandModel.command(
              this,
              "logs",
              "Print the audit log, one line per request: time, method, host/path, keys, status, duration.",
              "Reading it needs no passphrase and shows no values (records have no field for one).")
          .addOption(
              CommandModel.option(
                      "--last", "N", "the last N matching records (default ${DEFAULT-VALUE})")
                  .type(int.class)
                  .defaultValue("50")
                  .build())
          .addOption(CommandModel.option("--secret", "KEY", "only requests that used KEY").build())
          .addOption(
              CommandModel.option("--host", "H", "only requests to H (exact, or *.example.com)")
                  .build())
          .addOption(
              CommandModel.option(
                      "--since",
                      "AGE",
                      "only records newer than AGE (30s, 15m, 1h, 2d) or an ISO time")
                  .build())
          .addOption(
              CommandModel.flag(
                  "--follow", "keep printing records as they are written (Ctrl-C stops)"))
          .addOption(CommandModel.flag("--json", "the records as JSON lines, exactly as stored"))
          .addOption(
              CommandModel.flag(
                  "--verify",
                  "check the hash chain: exit 0 when intact, 1 naming the first broken line"));

  private String secret;
  private String host;
  private String since;
  private boolean json;

  private final CliEnvironment env;

  ProxyLogsCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws CliException {
    int last = CommandModel.value(spec, "--last");
    secret = CommandModel.value(spec, "--secret");
    host = CommandModel.value(spec, "--host");
    since = CommandModel.value(spec, "--since");
    boolean follow = CommandModel.value(spec, "--follow");
    json = CommandModel.value(spec, "--json");
    boolean verify = CommandModel.value(spec, "--verify");
    if (last < 0) {
      throw new CliException(ExitCodes.USAGE, "--last needs a number of 0 or more");
    }
    Path dir = env.paths().auditDir();
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (verify) {
        return verify(dir, out);
      }
      AuditFilter filter = filter();
      for (AuditRecord r : AuditReader.readLast(dir, last, filter::test)) {
        out.println(line(r));
      }
      out.flush();
      if (follow) {
        AuditReader.follow(
            dir,
            r -> {
              if (filter.test(r)) {
                out.println(line(r));
                out.flush();
              }
            },
            () -> !out.checkError());
      }
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED, "cannot read the audit log in " + dir + ": " + e.getMessage());
    }
  }

  private String line(AuditRecord r) {
    return json ? AuditLineFormat.json(r) : AuditLineFormat.format(r, env::offsetAt);
  }

  private int verify(Path dir, PrintWriter out) throws IOException, CliException {
    AuditReader.VerifyResult result = AuditReader.verify(dir);
    if (!result.ok()) {
      throw new CliException(ExitCodes.FAILED, "audit log broken: " + result.problem());
    }
    out.println("ok: " + result.records() + " records, chain intact");
    return ExitCodes.OK;
  }

  private AuditFilter filter() throws CliException {
    Instant from = null;
    if (since != null) {
      try {
        from = env.clock().instant().minus(AuditFilter.parseSince(since));
      } catch (IllegalArgumentException e) {
        try {
          from = Instant.parse(since);
        } catch (DateTimeParseException notIso) {
          throw new CliException(ExitCodes.USAGE, "--since " + since + ": " + e.getMessage());
        }
      }
    }
    if (host != null) {
      try {
        HostPattern.parse(host);
      } catch (IllegalArgumentException e) {
        throw new CliException(
            ExitCodes.USAGE, "--host: " + e.getMessage() + " (records keep the port apart)");
      }
    }
    return new AuditFilter(secret, host, from);
  }
}
