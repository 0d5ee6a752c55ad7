package dev.sealgate.audit;

import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builders for audit records in tests. */
final class AuditRecords {
  private AuditRecords() {}

  static AuditRecord record(String id) {
    return new AuditRecord(
        "2026-12-03T14:23:01.123Z",
        id,
        "127.0.0.1:51234",
        "GET",
        "https",
        "api.stripe.com",
        443,
        "/v1/balance",
        List.of("STRIPE_KEY"),
        List.of("bearer"),
        200,
        Outcome.OK,
        0,
        120,
        4096,
        245,
        null);
  }

  static AuditRecord record(int n) {
    return record(String.format("REC%023d", n));
  }

  static List<String> lines(Path file) throws Exception {
    return Files.readAllLines(file);
  }
}
