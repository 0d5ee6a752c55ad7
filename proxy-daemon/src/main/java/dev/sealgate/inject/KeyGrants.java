package dev.sealgate.inject;

import java.util.List;

/**
 * The allowlists of every stored key, as the pipeline reads them. Called on the event loop: an
 * implementation answers from memory.
 */
public interface KeyGrants {
  /** The grant for {@code key}, or {@code null} when no such key is stored. */
  KeyGrant forKey(String key);

  /**
   * The grants of every key that may be sent to {@code host}. A CONNECT to a host that no key
   * reaches is tunnelled blind: there is nothing to inject, so nothing is read.
   */
  List<KeyGrant> reaching(String host);
}
