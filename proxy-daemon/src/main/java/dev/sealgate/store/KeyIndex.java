package dev.sealgate.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import dev.sealgate.json.JsonTrees;
import dev.sealgate.json.StrictFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
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
    try (JsonParser p = JsonTrees.STRICT.createParser(bytes)) {
      return parse(p, file);
    } catch (JacksonException e) {
      throw new IOException(
          file
              + " is damaged ("
              + e.getOriginalMessage()
              + "); restore it from a backup, or move it away and run sealgate init",
          e);
    }
  }

  private static KeyIndex parse(JsonParser p, Path file) throws IOException {
    Integer format = null;
    String backend = null;
    TreeMap<String, KeyEntry> keys = new TreeMap<>();
    StrictFields object = StrictFields.object(p);
    for (String field = object.next(); field != null; field = object.next()) {
      switch (field) {
        case "format" -> format = object.intValue();
        case "backend" -> backend = object.text();
        case "keys" -> object.objects(KeyIndex::entry).forEach(k -> keys.put(k.name(), k));
        default -> throw object.unknown();
      }
    }
    object.end();
    if (format == null) {
      throw object.missing("format");
    }
    if (format != FORMAT) {
      throw new IOException(
          file
              + " has format "
              + format
              + ", this sealgate reads "
              + FORMAT
              + "; upgrade sealgate");
    }
    return new KeyIndex(backend, keys);
  }

  private static KeyEntry entry(StrictFields o) throws IOException {
    String name = null;
    List<String> hosts = List.of();
    boolean anyHost = false;
    int version = 0;
    Instant created = null;
    Instant updated = null;
    for (String field = o.next(); field != null; field = o.next()) {
      switch (field) {
        case "name" -> name = o.text();
        case "hosts" -> hosts = o.texts();
        case "any_host" -> anyHost = o.booleanValue();
        case "version" -> version = o.intValue();
        case "created" -> created = o.instant();
        case "updated" -> updated = o.instant();
        default -> throw o.unknown();
      }
    }
    if (name == null) {
      throw o.missing("name");
    }
    return new KeyEntry(name, hosts, anyHost, version, created, updated);
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
    AtomicFile.write(file, encode());
  }

  /** Indented, fields in this order, as the index has always been written. */
  private byte[] encode() {
    return JsonTrees.generate(
        256 + 160 * keys.size(),
        true,
        g -> {
          g.writeStartObject();
          g.writeNumberField("format", FORMAT);
          g.writeStringField("backend", backend);
          g.writeArrayFieldStart("keys");
          for (KeyEntry k : entries()) {
            g.writeStartObject();
            g.writeStringField("name", k.name());
            JsonTrees.writeTexts(g, "hosts", k.hosts());
            g.writeBooleanField("any_host", k.anyHost());
            g.writeNumberField("version", k.version());
            g.writeStringField("created", k.created() == null ? null : k.created().toString());
            g.writeStringField("updated", k.updated() == null ? null : k.updated().toString());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }
}
