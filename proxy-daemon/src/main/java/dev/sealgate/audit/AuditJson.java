package dev.sealgate.audit;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import dev.sealgate.api.AuditRecord;
import dev.sealgate.api.Outcome;
import dev.sealgate.json.JsonTrees;
import dev.sealgate.json.StrictFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The one JSON mapping and the one line hash of the audit log, shared by writer and readers. */
final class AuditJson {
  /** {@code prev} of the first record ever written. */
  static final String GENESIS = "0".repeat(64);

  private AuditJson() {}

  /** One line, without its newline: SPEC §3's fields in SPEC §3's order. */
  static byte[] toLine(AuditRecord r) {
    return JsonTrees.generate(
        384,
        false,
        g -> {
          g.writeStartObject();
          g.writeStringField("ts", r.ts());
          g.writeStringField("id", r.id());
          g.writeStringField("client", r.client());
          g.writeStringField("method", r.method());
          g.writeStringField("scheme", r.scheme());
          g.writeStringField("host", r.host());
          g.writeNumberField("port", r.port());
          g.writeStringField("path", r.path());
          JsonTrees.writeTexts(g, "keys", r.keys());
          JsonTrees.writeTexts(g, "styles", r.styles());
          g.writeNumberField("status", r.status());
          g.writeStringField("outcome", r.outcome() == null ? null : r.outcome().wireName());
          g.writeNumberField("redactions", r.redactions());
          g.writeNumberField("bytes_out", r.bytesOut());
          g.writeNumberField("bytes_in", r.bytesIn());
          g.writeNumberField("duration_ms", r.durationMs());
          g.writeStringField("prev", r.prev());
          g.writeEndObject();
        });
  }

  static String toText(AuditRecord r) {
    return new String(toLine(r), StandardCharsets.UTF_8);
  }

  /** Parses one line (without its newline); the message of the exception names no content. */
  static AuditRecord parse(byte[] line, int offset, int length) throws IOException {
    try (JsonParser p = JsonTrees.STRICT.createParser(line, offset, length)) {
      StrictFields o = StrictFields.object(p);
      String ts = null;
      String id = null;
      String client = null;
      String method = null;
      String scheme = null;
      String host = null;
      int port = 0;
      String path = null;
      List<String> keys = List.of();
      List<String> styles = List.of();
      int status = 0;
      Outcome outcome = null;
      int redactions = 0;
      long bytesOut = 0;
      long bytesIn = 0;
      long durationMs = 0;
      String prev = null;
      for (String field = o.next(); field != null; field = o.next()) {
        switch (field) {
          case "ts" -> ts = o.text();
          case "id" -> id = o.text();
          case "client" -> client = o.text();
          case "method" -> method = o.text();
          case "scheme" -> scheme = o.text();
          case "host" -> host = o.text();
          case "port" -> port = o.intValue();
          case "path" -> path = o.text();
          case "keys" -> keys = o.texts();
          case "styles" -> styles = o.texts();
          case "status" -> status = o.intValue();
          case "outcome" -> outcome = outcome(p, o.text());
          case "redactions" -> redactions = o.intValue();
          case "bytes_out" -> bytesOut = o.longValue();
          case "bytes_in" -> bytesIn = o.longValue();
          case "duration_ms" -> durationMs = o.longValue();
          case "prev" -> prev = o.text();
          default -> throw o.unknown();
        }
      }
      o.end();
      return new AuditRecord(
          ts,
          id,
          client,
          method,
          scheme,
          host,
          port,
          path,
          keys,
          styles,
          status,
          outcome,
          redactions,
          bytesOut,
          bytesIn,
          durationMs,
          prev);
    }
  }

  private static Outcome outcome(JsonParser p, String wireName) throws JsonParseException {
    if (wireName == null) {
      return null;
    }
    for (Outcome o : Outcome.values()) {
      if (o.wireName().equals(wireName)) {
        return o;
      }
    }
    throw new JsonParseException(p, "member 'outcome' is not an outcome");
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
