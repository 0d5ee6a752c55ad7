package dev.sealgate.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli models built in code rather than read from annotations. Reading them made the JDK spin a
 * proxy class for every annotation type and parse every member's annotations: half of what a short
 * command such as {@code secrets list} did after the JVM had started. A command builds its model
 * with these and reads its values back from it once picocli has parsed the line.
 */
final class CommandModel {
  /**
   * What picocli instantiates for these models: the list a repeatable option or parameter collects
   * into. Its own default factory would do, but loading that class probes the class path for
   * Groovy, which opens the jar.
   */
  static final CommandLine.IFactory FACTORY =
      new CommandLine.IFactory() {
        @Override
        public <K> K create(Class<K> type) {
          if (type == List.class) {
            return type.cast(new ArrayList<String>());
          }
          // A model that needs more (a converter class, a default provider) says so in tests.
          throw new IllegalStateException("CommandModel.FACTORY makes no " + type.getName());
        }
      };

  private CommandModel() {}

  /**
   * The command {@code name} run by {@code command} (a {@code Callable<Integer>}, or null for one
   * that only groups others), with the standard {@code -h/--help} and {@code -V/--version}.
   */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, FACTORY).name(name);
    spec.usageMessage().description(description);
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    return spec;
  }

  /** {@code --name}, true when given. */
  static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name)
        .type(boolean.class)
        .initialValue(false)
        .description(description)
        .build();
  }

  /** {@code --name LABEL}, once. */
  static OptionSpec.Builder option(String name, String label, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description);
  }

  /** {@code --name LABEL}, as often as given. */
  static OptionSpec repeatable(String name, String label, String description) {
    return OptionSpec.builder(name)
        .paramLabel(label)
        .type(List.class)
        .auxiliaryTypes(String.class)
        .description(description)
        .build();
  }

  /** The positional parameter at {@code index}, exactly one. */
  static PositionalParamSpec parameter(String index, String label) {
    return parameter(index, label, String.class);
  }

  /** The positional parameter at {@code index}, exactly one, converted to {@code type}. */
  static PositionalParamSpec parameter(String index, String label, Class<?> type) {
    return PositionalParamSpec.builder()
        .index(index)
        .arity("1")
        .required(true)
        .paramLabel(label)
        .type(type)
        .build();
  }

  /** The positional parameters from {@code index} on, at least one. */
  static PositionalParamSpec parameters(String index, String label) {
    return PositionalParamSpec.builder()
        .index(index)
        .arity("1..*")
        .required(true)
        .paramLabel(label)
        .type(List.class)
        .auxiliaryTypes(String.class)
        .build();
  }

  /** The parsed value of option {@code name}: null (false for a flag) when it was not given. */
  static <T> T value(CommandSpec spec, String name) {
    return spec.findOption(name).getValue();
  }

  /** The values of a repeatable option, empty when none was given. */
  static List<String> values(CommandSpec spec, String name) {
    List<String> values = spec.findOption(name).getValue();
    return values == null ? List.of() : values;
  }

  /** The parsed positional parameter(s) declared {@code position}-th. */
  static <T> T positional(CommandSpec spec, int position) {
    return spec.positionalParameters().get(position).getValue();
  }
}
