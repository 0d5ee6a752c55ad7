package dev.sealgate.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sealgate.json.JsonTrees;
import dev.sealgate.store.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the chain of the audit files begins and ends, as the writer last put them on disk ({@code
 * audit/seal.json}). The chain alone shows a record removed or edited in the middle; the seal also
 * shows records cut from either end: the oldest record must follow {@code first}, and the record
 * hashed in {@code last} must still be there (records after it were written since).
 *
 * @param first the {@code prev} of the oldest record kept (all zeros until rotation drops files)
 * @param last the hash of the newest record written, or {@code first} when there is none
 */
record AuditSeal(String first, String last) {
  static final String FILE = "seal.json";

  static Path file(Path dir) {
    return dir.resolve(FILE);
  }

  /** Empty for logs written before seals existed. */
  static Optional<AuditSeal> read(Path dir) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file(dir));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    JsonNode o = JsonTrees.read(JsonTrees.STRICT, bytes);
    if (o == null || !o.path("first").isTextual() || !o.path("last").isTextual()) {
      throw new IOException(file(dir) + " is not an audit seal (it was edited)");
    }
    return Optional.of(new AuditSeal(o.get("first").asText(), o.get("last").asText()));
  }

  /** Atomically: a crash leaves the previous seal. */
  void write(Path dir) throws IOException {
    String text = "{\"first\":\"" + first + "\",\"last\":\"" + last + "\"}\n";
    AtomicFile.write(file(dir), text.getBytes(StandardCharsets.US_ASCII));
  }
}
