package dev.sealgate.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sealgate.api.HostPattern;
import dev.sealgate.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code config.yaml}, applies {@code SEALGATE_<SECTION>_<KEY>} overrides and validates the
 * result. Strict in the way smokescreen is: an unknown key is an error that names its path, so a
 * typo ({@code requre_token: false}) can never silently leave a default in force.
 */
public final class ConfigLoader {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern LISTEN =
      Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^:\\[\\]]+):(\\d{1,5})");

  /** The type of each known key; the order is the template's. */
  private enum Kind {
    STRING,
    OPTIONAL_STRING,
    OPTIONAL_PATH,
    BOOLEAN,
    POSITIVE_INT,
    POSITIVE_LONG,
    DURATION,
    HOST_LIST,
    BACKEND
  }

  private static final Map<String, Map<String, Kind>> SCHEMA = schema();

  // Not YAMLFactory.builder(): its defaults read an empty "proxy:" as "" instead of null.
  private static final YAMLFactory YAML = new YAMLFactory();

  private ConfigLoader() {}

  private static Map<String, Map<String, Kind>> schema() {
    Map<String, Map<String, Kind>> s = new LinkedHashMap<>();
    s.put(
        "proxy",
        ordered(
            "listen", Kind.STRING,
            "require_token", Kind.BOOLEAN,
            "max_connections", Kind.POSITIVE_INT,
            "idle_timeout", Kind.DURATION,
            "max_header_bytes", Kind.POSITIVE_INT));
    s.put(
        "upstream",
        ordered(
            "connect_timeout", Kind.DURATION,
            "response_timeout", Kind.DURATION,
            "extra_ca_file", Kind.OPTIONAL_PATH,
            "plaintext_upstreams", Kind.HOST_LIST));
    s.put("inject", ordered("max_body_bytes", Kind.POSITIVE_LONG));
    s.put("store", ordered("backend", Kind.BACKEND));
    s.put("audit", ordered("max_file_bytes", Kind.POSITIVE_LONG, "keep_files", Kind.POSITIVE_INT));
    s.put(
        "sync",
        ordered(
            "relay", Kind.OPTIONAL_STRING,
            "interval", Kind.DURATION,
            "workspace", Kind.OPTIONAL_STRING,
            "project", Kind.OPTIONAL_STRING));
    return s;
  }

  private static Map<String, Kind> ordered(Object... pairs) {
    Map<String, Kind> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return m;
  }

  /**
   * Loads {@code file} (absent means every default, unless {@code SEALGATE_CONFIG} named it
   * explicitly) with the overrides found in {@code env}.
   */
  public static SealgateConfig load(Path file, Map<String, String> env) throws ConfigException {
    String explicit = env.get("SEALGATE_CONFIG");
    // Blank counts as unset, as in SealgatePaths.
    ObjectNode tree = readFile(file, explicit != null && !explicit.isBlank());
    checkKnownKeys(tree, file);
    applyEnvironment(tree, env);
    return build(tree, file);
  }

  private static ObjectNode readFile(Path file, boolean explicit) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      if (explicit) {
        throw new ConfigException(
            "SEALGATE_CONFIG names " + file + ", which does not exist",
            "create it or unset SEALGATE_CONFIG");
      }
      return JsonNodeFactory.instance.objectNode();
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    JsonNode root;
    try (JsonParser p = YAML.createParser(text)) {
      // A repeated key would silently let the last one win; strict means it is an error.
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = JsonTrees.read(p);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      String why =
          e.getOriginalMessage().startsWith("Duplicate field")
              ? " (" + e.getOriginalMessage() + ")"
              : "";
      throw new ConfigException(
          file + " is not valid YAML" + where + why, "compare it with config/config.yaml");
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    }
    if (root == null || root.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!root.isObject()) {
      throw new ConfigException(
          file + ": the top level must be a mapping of sections (proxy:, upstream:, …)");
    }
    return (ObjectNode) root;
  }

  private static void checkKnownKeys(ObjectNode tree, Path file) throws ConfigException {
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      Map<String, Kind> keys = SCHEMA.get(section.getKey());
      if (keys == null) {
        throw new ConfigException(
            file
                + ": unknown section '"
                + section.getKey()
                + "'; known sections: "
                + String.join(", ", SCHEMA.keySet()));
      }
      if (section.getValue().isNull()) {
        it.remove();
        continue;
      }
      if (!section.getValue().isObject()) {
        throw new ConfigException(file + ": '" + section.getKey() + "' must be a mapping of keys");
      }
      for (Iterator<String> names = section.getValue().fieldNames(); names.hasNext(); ) {
        String key = names.next();
        if (!keys.containsKey(key)) {
          throw new ConfigException(
              file
                  + ": unknown key '"
                  + section.getKey()
                  + "."
                  + key
                  + "'; known keys in "
                  + section.getKey()
                  + ": "
                  + String.join(", ", keys.keySet()));
        }
      }
    }
  }

  /** {@code SEALGATE_LISTEN} is the documented shortcut; the full form wins when both are set. */
  private static void applyEnvironment(ObjectNode tree, Map<String, String> env)
      throws ConfigException {
    rejectUnknownOverrides(env);
    if (env.containsKey("SEALGATE_LISTEN")) {
      section(tree, "proxy").put("listen", env.get("SEALGATE_LISTEN"));
    }
    for (Map.Entry<String, Map<String, Kind>> section : SCHEMA.entrySet()) {
      for (String key : section.getValue().keySet()) {
        String name = "SEALGATE_" + (section.getKey() + "_" + key).toUpperCase(Locale.ROOT);
        String value = env.get(name);
        if (value != null) {
          // Kept as text and typed in build(), so an env value gets the same checks as YAML.
          section(tree, section.getKey()).put(key, value);
        }
      }
    }
  }

  /**
   * A misspelt override ({@code SEALGATE_PROXY_REQUIRE_TOKN}) would leave the default in force
   * without a word, as an unknown YAML key would; both are refused. {@code SEALGATE_PROXY_URL} is
   * not a setting but what {@code sealgate proxy env} exports for clients.
   */
  private static void rejectUnknownOverrides(Map<String, String> env) throws ConfigException {
    for (String name : env.keySet()) {
      for (Map.Entry<String, Map<String, Kind>> section : SCHEMA.entrySet()) {
        String prefix = "SEALGATE_" + section.getKey().toUpperCase(Locale.ROOT) + "_";
        if (!name.startsWith(prefix) || name.equals("SEALGATE_PROXY_URL")) {
          continue;
        }
        String key = name.substring(prefix.length()).toLowerCase(Locale.ROOT);
        if (!section.getValue().containsKey(key)) {
          throw new ConfigException(
              name
                  + " is not a setting: "
                  + section.getKey()
                  + " has "
                  + String.join(", ", section.getValue().keySet()),
              "unset it or correct its name");
        }
      }
    }
  }

  private static ObjectNode section(ObjectNode tree, String name) {
    JsonNode node = tree.get(name);
    return node instanceof ObjectNode o ? o : tree.putObject(name);
  }

  private static SealgateConfig build(ObjectNode tree, Path file) throws ConfigException {
    SealgateConfig d = SealgateConfig.defaults();
    Reader r = new Reader(tree, file);
    String listen = r.string("proxy", "listen", d.proxy().listen());
    if (!LISTEN.matcher(listen).matches()
        || Integer.parseInt(listen.replaceAll(".*:", "")) > 65535) {
      throw new ConfigException(
          "proxy.listen: '" + listen + "' is not HOST:PORT",
          "use e.g. 127.0.0.1:8765 or [::1]:8765");
    }
    return new SealgateConfig(
        new SealgateConfig.Proxy(
            listen,
            r.bool("proxy", "require_token", d.proxy().requireToken()),
            (int) r.positive("proxy", "max_connections", d.proxy().maxConnections()),
            r.duration("proxy", "idle_timeout", d.proxy().idleTimeout()),
            (int) r.positive("proxy", "max_header_bytes", d.proxy().maxHeaderBytes())),
        new SealgateConfig.Upstream(
            r.duration("upstream", "connect_timeout", d.upstream().connectTimeout()),
            r.duration("upstream", "response_timeout", d.upstream().responseTimeout()),
            r.path("upstream", "extra_ca_file"),
            r.hosts("upstream", "plaintext_upstreams")),
        new SealgateConfig.Inject(
            r.positive("inject", "max_body_bytes", d.inject().maxBodyBytes())),
        new SealgateConfig.Store(r.backend("store", "backend", d.store().backend())),
        new SealgateConfig.Audit(
            r.positive("audit", "max_file_bytes", d.audit().maxFileBytes()),
            (int) r.positive("audit", "keep_files", d.audit().keepFiles())),
        new SealgateConfig.Sync(
            r.relay("sync", "relay"),
            r.duration("sync", "interval", d.sync().interval()),
            r.optionalString("sync", "workspace"),
            r.optionalString("sync", "project")));
  }

  /** Typed access to the merged tree; every error names {@code section.key}. */
  private record Reader(ObjectNode tree, Path file) {
    private JsonNode node(String section, String key) {
      JsonNode s = tree.get(section);
      JsonNode v = s == null ? null : s.get(key);
      return v == null || v.isNull() ? null : v;
    }

    private ConfigException bad(String section, String key, String expected, JsonNode v) {
      return new ConfigException(
          section + "." + key + ": expected " + expected + ", got '" + v.asText() + "'");
    }

    String string(String section, String key, String dflt) throws ConfigException {
      JsonNode v = node(section, key);
      if (v == null) {
        return dflt;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        throw bad(section, key, "a string", v);
      }
      return v.asText();
    }

    String optionalString(String section, String key) throws ConfigException {
      return string(section, key, null);
    }

    boolean bool(String section, String key, boolean dflt) throws ConfigException {
      JsonNode v = node(section, key);
      if (v == null) {
        return dflt;
      }
      if (v.isBoolean()) {
        return v.asBoolean();
      }
      String t = v.asText();
      if (v.isTextual() && (t.equals("true") || t.equals("false"))) {
        return Boolean.parseBoolean(t);
      }
      throw bad(section, key, "true or false", v);
    }

    long positive(String section, String key, long dflt) throws ConfigException {
      JsonNode v = node(section, key);
      if (v == null) {
        return dflt;
      }
      long n;
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        n = v.asLong();
      } else if (v.isTextual() && v.asText().matches("\\d{1,18}")) {
        n = Long.parseLong(v.asText());
      } else {
        throw bad(section, key, "a positive whole number", v);
      }
      if (n <= 0 || (n > Integer.MAX_VALUE && SCHEMA.get(section).get(key) == Kind.POSITIVE_INT)) {
        throw bad(section, key, "a positive whole number", v);
      }
      return n;
    }

    Duration duration(String section, String key, Duration dflt) throws ConfigException {
      JsonNode v = node(section, key);
      if (v == null) {
        return dflt;
      }
      Matcher m = DURATION.matcher(v.asText());
      if (!v.isTextual() || !m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw bad(section, key, "a duration with a unit such as 500ms, 10s, 5m or 1h", v);
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }

    Path path(String section, String key) throws ConfigException {
      String text = optionalString(section, key);
      if (text == null) {
        return null;
      }
      Path resolved;
      if (text.startsWith("~/")) {
        resolved = Path.of(System.getProperty("user.home"), text.substring(2));
      } else {
        Path p = Path.of(text);
        // A relative path means relative to the config file, not to wherever the daemon started.
        Path base = file.toAbsolutePath().getParent();
        resolved = p.isAbsolute() || base == null ? p : base.resolve(p);
      }
      if (!Files.isRegularFile(resolved)) {
        throw new ConfigException(section + "." + key + ": " + resolved + " is not a file");
      }
      return resolved;
    }

    List<String> hosts(String section, String key) throws ConfigException {
      JsonNode v = node(section, key);
      List<String> out = new ArrayList<>();
      if (v == null) {
        return out;
      }
      if (v.isTextual()) {
        for (String h : v.asText().split(",")) {
          if (!h.isBlank()) {
            out.add(host(section, key, h));
          }
        }
        return out;
      }
      if (!v.isArray()) {
        throw bad(section, key, "a list of host names", v);
      }
      for (JsonNode h : v) {
        if (!h.isTextual() || h.asText().isBlank()) {
          throw bad(section, key, "a list of host names", h);
        }
        out.add(host(section, key, h.asText()));
      }
      return out;
    }

    /** A URL or host:port here would never match a host, silently disabling the entry. */
    private String host(String section, String key, String h) throws ConfigException {
      String name = h.strip().toLowerCase(Locale.ROOT);
      if (!HostPattern.isValidHost(name)) {
        throw new ConfigException(
            section + "." + key + ": '" + name + "' is not a host name",
            "write localhost, not a URL");
      }
      return name;
    }

    StoreBackend backend(String section, String key, StoreBackend dflt) throws ConfigException {
      JsonNode v = node(section, key);
      if (v == null) {
        return dflt;
      }
      try {
        return StoreBackend.valueOf(v.asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(section, key, "auto, keychain or file", v);
      }
    }

    String relay(String section, String key) throws ConfigException {
      String url = optionalString(section, key);
      if (url != null
          && (!(url.startsWith("https://") || url.startsWith("http://")) || !hasHost(url))) {
        throw new ConfigException(
            section + "." + key + ": expected an http(s):// URL, got '" + url + "'");
      }
      return url;
    }

    private static boolean hasHost(String url) {
      try {
        return new URI(url).getHost() != null;
      } catch (URISyntaxException e) {
        return false;
      }
    }
  }
}
