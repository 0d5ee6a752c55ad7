package dev.sealgate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar manifest carries (Maven's project version). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"sealgate " + (v == null ? "(development build)" : v)};
  }
}
