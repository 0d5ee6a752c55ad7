package dev.sealgate.audit;

import static dev.sealgate.audit.AuditRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealgate.api.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path root;

  private static String sha256(String line) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static List<String> ids(List<AuditRecord> rs) {
    return rs.stream().map(AuditRecord::id).toList();
  }

  private static List<String> appendAll(AuditLog log, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      AuditRecord r = record(i);
      log.append(r);
      ids.add(r.id());
    }
    return ids;
  }

  /**
   * One record per writer batch, as at a quiet daemon (see the report: rotation inside a batch).
   */
  private static List<String> appendEach(AuditLog log, int from, int to)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      AuditRecord r = record(i);
      log.append(r);
      log.flush();
      ids.add(r.id());
    }
    return ids;
  }

  @Test
  void manyRecordsFormAVerifiableChainStartingFromGenesis() throws Exception {
    Path dir = root.resolve("audit");
    List<String> appended;
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      appended = appendAll(log, 0, 500);
    }
    List<String> lines = AuditRecords.lines(dir.resolve("audit.jsonl"));
    assertThat(lines).hasSize(500);
    List<AuditRecord> back = AuditReader.readAll(dir);
    assertThat(ids(back)).isEqualTo(appended);
    assertThat(back.get(0).prev()).isEqualTo("0".repeat(64));
    for (int i = 1; i < lines.size(); i++) {
      assertThat(back.get(i).prev())
          .as("prev of line %d", i + 1)
          .isEqualTo(sha256(lines.get(i - 1)));
    }
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).isTrue();
    assertThat(v.records()).isEqualTo(500);
    assertThat(v.problem()).isNull();
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("audit.jsonl"))).isEqualTo("rw-------");
  }

  @Test
  void flushMakesAppendedRecordsReadableWithoutClosing() throws Exception {
    Path dir = root.resolve("audit");
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      log.append(record(1));
      log.append(record(2));
      log.flush();
      assertThat(ids(AuditReader.readAll(dir))).containsExactly(record(1).id(), record(2).id());
    }
  }

  @Test
  void reopeningContinuesTheChain() throws Exception {
    Path dir = root.resolve("audit");
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      appendAll(log, 0, 3);
    }
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      appendAll(log, 3, 6);
    }
    assertThat(AuditReader.verify(dir).ok()).isTrue();
    assertThat(AuditReader.verify(dir).records()).isEqualTo(6);
    assertThat(AuditReader.readAll(dir).get(3).prev()).isNotEqualTo("0".repeat(64));
  }

  @Test
  void appendsAfterCloseAreDroppedAndCounted() throws Exception {
    Path dir = root.resolve("audit");
    AuditLog log = AuditLog.open(dir, 10_000_000, 3);
    log.append(record(1));
    log.close();
    log.append(record(2));
    log.close(); // a second close is harmless
    assertThat(log.droppedCount()).isEqualTo(1);
    assertThat(ids(AuditReader.readAll(dir))).containsExactly(record(1).id());
  }

  @Test
  void badLimitsAreRefused() {
    assertThatThrownBy(() -> AuditLog.open(root, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditLog.open(root, 100, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotationKeepsAtMostKeepFilesAndTheChainVerifiesAcrossThem() throws Exception {
    Path dir = root.resolve("audit");
    int lineBytes = AuditJson.toLine(record(0).withPrev("0".repeat(64))).length + 1;
    long max = lineBytes * 3L; // three lines per file
    List<String> appended;
    try (AuditLog log = AuditLog.open(dir, max, 3)) {
      appended = appendEach(log, 0, 40);
    }
    assertThat(dir.resolve("audit.jsonl")).exists();
    assertThat(dir.resolve("audit-1.jsonl")).exists();
    assertThat(dir.resolve("audit-2.jsonl")).exists();
    assertThat(dir.resolve("audit-3.jsonl")).exists();
    assertThat(dir.resolve("audit-4.jsonl")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(5); // and seal.json
    }
    assertThat(mode(dir.resolve("seal.json"))).isEqualTo("rw-------");
    for (String name : List.of("audit.jsonl", "audit-1.jsonl", "audit-2.jsonl", "audit-3.jsonl")) {
      Path f = dir.resolve(name);
      assertThat(mode(f)).as(name).isEqualTo("rw-------");
      assertThat(Files.size(f)).as(name).isLessThanOrEqualTo(max);
    }
    assertThat(AuditRecords.lines(dir.resolve("audit-3.jsonl"))).hasSize(3);
    assertThat(mode(dir)).isEqualTo("rwx------");

    // readAll: oldest first across the files, the newest records kept, none reordered.
    List<String> back = ids(AuditReader.readAll(dir));
    assertThat(back).hasSize(3 * 3 + AuditRecords.lines(dir.resolve("audit.jsonl")).size());
    assertThat(back).isEqualTo(appended.subList(appended.size() - back.size(), appended.size()));

    // readLast: the newest N, oldest first, reaching back across files; a filter applies first.
    assertThat(ids(AuditReader.readLast(dir, 5, r -> true)))
        .isEqualTo(appended.subList(appended.size() - 5, appended.size()));
    assertThat(ids(AuditReader.readLast(dir, 100, r -> true))).isEqualTo(back);
    List<String> even = back.stream().filter(id -> id.endsWith("0") || id.endsWith("2")).toList();
    assertThat(ids(AuditReader.readLast(dir, 2, r -> r.id().endsWith("0") || r.id().endsWith("2"))))
        .isEqualTo(even.subList(even.size() - 2, even.size()));
    assertThat(AuditReader.readLast(dir, 0, r -> true)).isEmpty();

    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(back.size());
    // The chain really crosses files: the first line of audit.jsonl points at audit-1's last.
    List<String> newestRotated = AuditRecords.lines(dir.resolve("audit-1.jsonl"));
    assertThat(AuditReader.readAll(dir).get(9).prev())
        .isEqualTo(sha256(newestRotated.get(newestRotated.size() - 1)));
  }

  @Test
  void readLastReadsBackAcrossBlocksAndSkipsALineBeingWritten() throws Exception {
    Path dir = root.resolve("audit");
    List<String> appended;
    try (AuditLog log = AuditLog.open(dir, 100_000_000, 1)) {
      appended = appendEach(log, 0, 3000); // ~1 MB: lines span the reader's 64 KiB blocks
    }
    Files.writeString(dir.resolve("audit.jsonl"), "{\"ts\":\"half a li", StandardOpenOption.APPEND);

    assertThat(ids(AuditReader.readLast(dir, 2500, r -> true)))
        .isEqualTo(appended.subList(500, 3000));
    assertThat(ids(AuditReader.readLast(dir, 5000, r -> true))).isEqualTo(appended);
  }

  @Test
  void keepFilesZeroKeepsOnlyTheCurrentFile() throws Exception {
    Path dir = root.resolve("audit");
    int lineBytes = AuditJson.toLine(record(0).withPrev("0".repeat(64))).length + 1;
    try (AuditLog log = AuditLog.open(dir, lineBytes * 2L, 0)) {
      appendEach(log, 0, 9);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("audit.jsonl", "seal.json");
    }
    assertThat(ids(AuditReader.readAll(dir))).containsExactly(record(8).id());
  }

  @Test
  void lowerKeepFilesOnReopenRemovesTheSurplusAtTheNextRotation() throws Exception {
    Path dir = root.resolve("audit");
    int lineBytes = AuditJson.toLine(record(0).withPrev("0".repeat(64))).length + 1;
    try (AuditLog log = AuditLog.open(dir, lineBytes * 2L, 5)) {
      appendEach(log, 0, 20);
    }
    assertThat(dir.resolve("audit-5.jsonl")).exists();
    try (AuditLog log = AuditLog.open(dir, lineBytes * 2L, 2)) {
      appendEach(log, 20, 23);
    }
    assertThat(dir.resolve("audit-2.jsonl")).exists();
    assertThat(dir.resolve("audit-3.jsonl")).doesNotExist();
    assertThat(dir.resolve("audit-5.jsonl")).doesNotExist();
    assertThat(AuditReader.verify(dir).ok()).isTrue();
  }

  @Test
  void tornLastLineIsRepairedAndAppendsContinueVerifiably() throws Exception {
    Path dir = root.resolve("audit");
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      appendAll(log, 0, 5);
    }
    Path current = dir.resolve("audit.jsonl");
    long goodSize = Files.size(current);
    Files.write(
        current,
        "{\"ts\":\"2026-12-03T14:23:0".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    // A reader before the repair ignores the torn tail.
    assertThat(AuditReader.readAll(dir)).hasSize(5);

    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      assertThat(Files.size(current)).isEqualTo(goodSize);
      appendAll(log, 5, 8);
    }
    assertThat(Files.readString(current)).doesNotContain("14:23:0{");
    assertThat(AuditRecords.lines(current)).hasSize(8);
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(8);
  }

  @Test
  void aCrashJustAfterRotationContinuesTheChainFromTheNewestRotatedFile() throws Exception {
    Path dir = root.resolve("audit");
    int lineBytes = AuditJson.toLine(record(0).withPrev("0".repeat(64))).length + 1;
    try (AuditLog log = AuditLog.open(dir, lineBytes * 2L, 5)) {
      appendEach(log, 0, 4); // audit-1 has 0,1; audit.jsonl has 2,3
    }
    // As if the daemon died after rotating and mid-way through the first line of the new file.
    Files.writeString(dir.resolve("audit.jsonl"), "{\"ts\":\"20");
    try (AuditLog log = AuditLog.open(dir, lineBytes * 2L, 5)) {
      appendEach(log, 4, 5);
    }
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(ids(AuditReader.readAll(dir)))
        .containsExactly(record(0).id(), record(1).id(), record(4).id());
  }

  @Test
  void manyThreadsAppendingLoseAndDuplicateNothing() throws Exception {
    Path dir = root.resolve("audit");
    int threads = 8;
    int perThread = 1000;
    CountDownLatch start = new CountDownLatch(1);
    AuditLog log = AuditLog.open(dir, 200_000, 1000);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * perThread;
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  log.append(record(base + i));
                }
              });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    log.close();
    assertThat(log.droppedCount()).isZero();
    Map<String, Integer> seen = new HashMap<>();
    for (AuditRecord r : AuditReader.readAll(dir)) {
      seen.merge(r.id(), 1, Integer::sum);
    }
    assertThat(seen).hasSize(threads * perThread);
    assertThat(seen.values()).containsOnly(1);
    assertThat(seen.keySet())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, threads * perThread).mapToObj(i -> record(i).id()).toList());
    assertThat(dir.resolve("audit-1.jsonl")).exists();
    AuditReader.VerifyResult v = AuditReader.verify(dir);
    assertThat(v.ok()).as(v.problem()).isTrue();
    assertThat(v.records()).isEqualTo(threads * perThread);
  }
}
