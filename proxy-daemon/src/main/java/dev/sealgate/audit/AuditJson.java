package dev.sealgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sealgate.api.AuditRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one JSON mapping and the one line hash of the audit log, shared by writer and readers. */
final class AuditJson {
  /** {@code prev} of the first record ever written. */
  static final String GENESIS = "0".repeat(64);

  // ObjectMapper is thread-safe once configured; field order comes from @JsonPropertyOrder.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditJson() {}

  static byte[] toLine(AuditRecord r) {
    try {
      return MAPPER.writeValueAsBytes(r);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise audit record " + r.id(), e);
    }
  }

  static String toText(AuditRecord r) {
    return new String(toLine(r), StandardCharsets.UTF_8);
  }

  /** Parses one line (without its newline); the message of the exception names no content. */
  static AuditRecord parse(byte[] line, int offset, int length) throws IOException {
    return MAPPER.readValue(line, offset, length, AuditRecord.class);
  }

  /** Lowercase hex SHA-256 over exactly these bytes (a line without its newline). */
  static String hash(byte[] bytes, int offset, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, offset, length);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  static String hash(byte[] bytes) {
    return hash(bytes, 0, bytes.length);
  }
}
