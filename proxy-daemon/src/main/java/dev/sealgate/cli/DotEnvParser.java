package dev.sealgate.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, optional {@code export}, {@code #} comments,
 * single quotes taken literally, double quotes with {@code \n \" \\} escapes. Errors name the line,
 * never its value.
 */
final class DotEnvParser {
  /** One assignment; {@code value} is owned by the caller, who zeroes it. */
  record Entry(String name, byte[] value) {
    @Override
    public String toString() {
      return name + "=██";
    }
  }

  private DotEnvParser() {}

  static List<Entry> parse(String text, String fileName) throws CliException {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq).strip();
      if (eq <= 0 || !dev.sealgate.api.KeyNames.isValid(name)) {
        throw new CliException(
            ExitCodes.USAGE,
            fileName + " line " + (n + 1) + ": expected KEY=value with a valid key name");
      }
      entries.add(new Entry(name, value(line.substring(eq + 1).strip(), fileName, n + 1)));
    }
    return entries;
  }

  private static byte[] value(String raw, String fileName, int line) throws CliException {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw unclosed(fileName, line);
      }
      return raw.substring(1, end).getBytes(StandardCharsets.UTF_8);
    }
    if (raw.startsWith("\"")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          return out.toByteArray();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(++i);
          c = next == 'n' ? '\n' : next == 't' ? '\t' : next == 'r' ? '\r' : next;
        }
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
      throw unclosed(fileName, line);
    }
    int comment = raw.indexOf(" #");
    return (comment < 0 ? raw : raw.substring(0, comment).strip()).getBytes(StandardCharsets.UTF_8);
  }

  private static CliException unclosed(String fileName, int line) {
    return new CliException(ExitCodes.USAGE, fileName + " line " + line + ": unclosed quote");
  }
}
