package dev.sealgate.cli;

import picocli.CommandLine.Command;

@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = "Run the proxy and read its audit log.")
final class ProxyCommand {}
