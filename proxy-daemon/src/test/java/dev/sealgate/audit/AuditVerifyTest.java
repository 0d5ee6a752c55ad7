package dev.sealgate.audit;

import static dev.sealgate.audit.AuditRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user running {@code sealgate audit verify} sees after someone edits the log. */
class AuditVerifyTest {
  @TempDir Path dir;
  Path current;

  @BeforeEach
  void writeFiveRecords() throws Exception {
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      for (int i = 0; i < 5; i++) {
        log.append(record(i));
      }
    }
    current = dir.resolve("audit.jsonl");
    assertThat(AuditReader.verify(dir).ok()).isTrue();
  }

  private void rewrite(List<String> lines) throws Exception {
    Files.writeString(current, String.join("\n", lines) + "\n");
  }

  @Test
  void editingAFieldOfAMiddleRecordIsDetectedAtTheNextLine() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    assertThat(lines.get(1)).contains("\"status\":200");
    lines.set(1, lines.get(1).replace("\"status\":200", "\"status\":201"));
    rewrite(lines);
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem()).startsWith("audit.jsonl line 3:").contains("prev does not match");
    assertThat(v.records()).isEqualTo(2);
  }

  @Test
  void deletingAMiddleLineIsDetected() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    lines.remove(2);
    rewrite(lines);
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem()).startsWith("audit.jsonl line 3:");
  }

  @Test
  void swappingTwoLinesIsDetected() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    Collections.swap(lines, 1, 2);
    rewrite(lines);
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem()).startsWith("audit.jsonl line 2:");
  }

  @Test
  void aLineThatIsNotARecordIsNamed() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    lines.set(3, "hello, I edited this");
    rewrite(lines);
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem())
        .isEqualTo("audit.jsonl line 4: not an audit record (the file was edited)");
  }

  @Test
  void anEditInARotatedFileNamesThatFileOrTheNextOne() throws Exception {
    Path rotatedDir = dir.resolve("rotated");
    int lineBytes = AuditJson.toLine(record(0).withPrev("0".repeat(64))).length + 1;
    try (AuditLog log = AuditLog.open(rotatedDir, lineBytes * 3L, 5)) {
      for (int i = 0; i < 9; i++) {
        log.append(record(i));
        log.flush(); // one record per batch; audit-2: 0-2, audit-1: 3-5, audit.jsonl: 6-8
      }
    }
    assertThat(AuditReader.verify(rotatedDir).ok()).isTrue();
    Path middle = rotatedDir.resolve("audit-1.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(middle));
    lines.set(0, lines.get(0).replace("api.stripe.com", "api.stripf.com"));
    Files.writeString(middle, String.join("\n", lines) + "\n");
    assertThat(AuditReader.verify(rotatedDir).problem()).startsWith("audit-1.jsonl line 2:");

    // Editing the last line of a rotated file breaks the link to the next file.
    lines = new ArrayList<>(Files.readAllLines(rotatedDir.resolve("audit-2.jsonl")));
    lines.set(2, lines.get(2).replace("\"status\":200", "\"status\":500"));
    Files.writeString(rotatedDir.resolve("audit-2.jsonl"), String.join("\n", lines) + "\n");
    assertThat(AuditReader.verify(rotatedDir).problem()).startsWith("audit-1.jsonl line 1:");
  }

  @Test
  void cuttingRecordsFromTheStartIsDetectedEvenAfterARestart() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    rewrite(lines.subList(2, lines.size()));

    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).isFalse();
    assertThat(v.problem()).contains("removed from the beginning");

    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      log.append(record(5)); // the proxy starts again and writes on
    }
    assertThat(AuditReader.verify(dir).problem()).contains("removed from the beginning");
  }

  @Test
  void cuttingOrEditingTheLastRecordIsDetected() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    rewrite(lines.subList(0, lines.size() - 1));
    assertThat(AuditReader.verify(dir).problem()).contains("removed or edited at the end");

    lines.set(4, lines.get(4).replace("\"status\":200", "\"status\":500"));
    rewrite(lines);
    assertThat(AuditReader.verify(dir).problem()).contains("removed or edited at the end");

    rewrite(List.of());
    assertThat(AuditReader.verify(dir).problem()).contains("removed or edited at the end");
  }

  @Test
  void recordsWrittenAfterTheLastSealStillVerify() throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(current));
    String last = lines.get(lines.size() - 1);
    // As the writer leaves it when it stops between writing a line and sealing it.
    String next =
        new String(
            AuditJson.toLine(record(5).withPrev(AuditJson.hash(last.getBytes()))),
            java.nio.charset.StandardCharsets.UTF_8);
    lines.add(next);
    rewrite(lines);

    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(6);
  }

  @Test
  void rotationThatDropsTheOldestFilesStillVerifies() throws Exception {
    int lineBytes = AuditJson.toLine(record(0).withPrev("0".repeat(64))).length + 1;
    for (int keep : new int[] {0, 1}) {
      Path rotating = dir.resolve("keep-" + keep);
      try (AuditLog log = AuditLog.open(rotating, lineBytes * 2L, keep)) {
        for (int i = 0; i < 7; i++) {
          log.append(record(i));
          log.flush();
        }
      }
      AuditReader.VerifyResult v = AuditReader.verify(rotating);
      assertThat(v.ok()).as("keep_files %d: %s", keep, v.problem()).isTrue();
      assertThat(v.records()).isPositive();
    }
  }

  @Test
  void anEmptyOrMissingDirectoryVerifiesWithNoRecords() throws Exception {
    AuditReader.VerifyResult v = AuditReader.verify(dir.resolve("nothing-here"));
    assertThat(v.ok()).isTrue();
    assertThat(v.records()).isZero();
    assertThat(AuditReader.readAll(dir.resolve("nothing-here"))).isEmpty();
  }
}
