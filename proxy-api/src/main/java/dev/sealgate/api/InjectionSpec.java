package dev.sealgate.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a request asked of the proxy through its {@code Sealgate-*} headers.
 *
 * @param injections the injections, in header order
 * @param target the {@code Sealgate-Target} origin (gateway mode), or {@code null}
 */
public record InjectionSpec(List<Injection> injections, GatewayTarget target) {
  public static final InjectionSpec NONE = new InjectionSpec(List.of(), null);

  public InjectionSpec {
    injections = List.copyOf(injections);
  }

  public boolean isEmpty() {
    return injections.isEmpty();
  }

  /** The distinct key names, in first-use order. */
  public List<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    injections.forEach(i -> keys.add(i.key()));
    return List.copyOf(keys);
  }

  /** The distinct style names for the audit record, in first-use order. */
  public List<String> styles() {
    Set<String> styles = new LinkedHashSet<>();
    injections.forEach(i -> styles.add(i.style().wireName()));
    return List.copyOf(styles);
  }

  /** Whether some injection needs the request body. */
  public boolean needsBody() {
    for (Injection i : injections) { // a loop, not a stream: asked for every request
      if (i.style().needsBody()) {
        return true;
      }
    }
    return false;
  }
}
