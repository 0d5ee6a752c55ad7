package dev.sealgate.cli;

import picocli.CommandLine.Command;

@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = "Store keys and say where they may go. Values are never printed.")
final class SecretsCommand {}
