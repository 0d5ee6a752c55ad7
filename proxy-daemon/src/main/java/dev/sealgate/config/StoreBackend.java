package dev.sealgate.config;

/** Where values live (SPEC §4): {@code auto} tries the OS keychain and falls back to the file. */
public enum StoreBackend {
  AUTO,
  KEYCHAIN,
  FILE
}
