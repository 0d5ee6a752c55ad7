package dev.sealgate.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code <home>/index.json}: key names, hosts, versions and times, plus which store holds the
 * values. Immutable; {@link #save} replaces the file atomically.
 */
public final class KeyIndex {
  private static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @JsonInclude(JsonInclude.Include.ALWAYS)
  private record Stored(int format, String backend, List<KeyEntry> keys) {}

  private final String backend;
  private final TreeMap<String, KeyEntry> keys;

  private KeyIndex(String backend, TreeMap<String, KeyEntry> keys) {
    this.backend = backend;
    this.keys = keys;
  }

  /** The index in {@code file}; an absent file is an empty index. */
  public static KeyIndex load(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new KeyIndex(null, new TreeMap<>());
    }
    Stored stored;
    try {
      stored = JSON.readValue(bytes, Stored.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(
          file
              + " is damaged ("
              + e.getOriginalMessage()
              + "); restore it from a backup, or move it away and run sealgate init",
          e);
    }
    if (stored.format() != FORMAT) {
      throw new IOException(
          file
              + " has format "
              + stored.format()
              + ", this sealgate reads "
              + FORMAT
              + "; upgrade sealgate");
    }
    TreeMap<String, KeyEntry> keys = new TreeMap<>();
    if (stored.keys() != null) {
      stored.keys().forEach(k -> keys.put(k.name(), k));
    }
    return new KeyIndex(stored.backend(), keys);
  }

  public Optional<KeyEntry> get(String name) {
    return Optional.ofNullable(keys.get(name));
  }

  /** Every entry, sorted by name. */
  public List<KeyEntry> entries() {
    return keys.values().stream().sorted(Comparator.comparing(KeyEntry::name)).toList();
  }

  public KeyIndex with(KeyEntry entry) {
    TreeMap<String, KeyEntry> copy = new TreeMap<>(keys);
    copy.put(entry.name(), entry);
    return new KeyIndex(backend, copy);
  }

  public KeyIndex without(String name) {
    TreeMap<String, KeyEntry> copy = new TreeMap<>(keys);
    copy.remove(name);
    return new KeyIndex(backend, copy);
  }

  /** {@code keychain}, {@code file}, or {@code null} before {@code init}. */
  public String backend() {
    return backend;
  }

  public KeyIndex withBackend(String kind) {
    return new KeyIndex(kind, keys);
  }

  public void save(Path file) throws IOException {
    PrivateDirectory.create(file.toAbsolutePath().getParent());
    AtomicFile.write(file, JSON.writeValueAsBytes(new Stored(FORMAT, backend, entries())));
  }
}
