package dev.sealgate.cli;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import dev.sealgate.audit.AuditLog;
import dev.sealgate.config.SealgatePaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run the launcher records its class-data archive from: the everyday commands, in one JVM,
 * against a throwaway home. A dynamic archive holds the classes of one run only; recorded from
 * whichever command came first after a build, it left the others loading (and verifying) theirs
 * from the jar, ~0.1 s more each. Touches nothing outside its temporary directory.
 */
final class ClassDataTraining {
  /** A command line and the exit it must have here (no proxy runs during the training). */
  private record Step(int exit, String... args) {}

  private static final List<Step> STEPS =
      List.of(
          new Step(ExitCodes.OK, "--help"),
          new Step(ExitCodes.OK, "init"),
          new Step(ExitCodes.OK, "secrets", "set", "TRAINING_KEY", "--host", "127.0.0.1"),
          new Step(ExitCodes.OK, "secrets", "list"),
          new Step(ExitCodes.OK, "secrets", "list", "--json"),
          new Step(ExitCodes.OK, "status"),
          new Step(ExitCodes.PROXY_NOT_RUNNING, "proxy", "status"),
          new Step(ExitCodes.OK, "proxy", "env"),
          new Step(ExitCodes.OK, "proxy", "logs", "--last", "50"),
          new Step(ExitCodes.OK, "proxy", "logs", "--json", "--verify"),
          new Step(ExitCodes.OK, "ca", "path"));

  private ClassDataTraining() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    run(Files.createTempDirectory("sealgate-training"));
  }

  /** Runs the commands in {@code dir}, then deletes it. */
  static void run(Path dir) throws IOException, InterruptedException {
    try {
      Path config = Files.createFile(dir.resolve("config.yaml"));
      Map<String, String> env =
          Map.of(
              "SEALGATE_HOME",
              dir.resolve("home").toString(),
              "SEALGATE_CONFIG",
              config.toString(),
              "SEALGATE_STORE_BACKEND",
              "file",
              "SEALGATE_PASSPHRASE",
              "class data training");
      PrintWriter discard = new PrintWriter(Writer.nullWriter());
      for (Step step : STEPS) {
        byte[] stdin = "training value".getBytes(StandardCharsets.US_ASCII);
        CliEnvironment cli =
            new CliEnvironment(env, new ByteArrayInputStream(stdin), null, Clock.systemUTC());
        int exit = Main.run(cli, discard, discard, step.args());
        if (exit != step.exit()) {
          // An archive recorded from a failing command would miss that command's classes.
          throw new IllegalStateException(
              "training: sealgate " + String.join(" ", step.args()) + " exited " + exit);
        }
        if (step.args()[0].equals("init")) {
          writeAuditRecord(SealgatePaths.fromEnvironment(env));
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** So that {@code proxy logs} reads, formats and verifies a record. */
  private static void writeAuditRecord(SealgatePaths paths)
      throws IOException, InterruptedException {
    try (AuditLog log = AuditLog.open(paths.auditDir(), 1 << 20, 1)) {
      log.append(
          new AuditRecord(
              "2026-12-03T00:00:00.000Z",
              "training",
              "127.0.0.1",
              "GET",
              "https",
              "127.0.0.1",
              443,
              "/",
              List.of("TRAINING_KEY"),
              List.of("bearer"),
              200,
              Outcome.OK,
              0,
              0,
              2,
              1,
              null));
    }
  }
}
