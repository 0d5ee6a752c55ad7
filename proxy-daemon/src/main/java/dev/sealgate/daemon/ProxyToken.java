package dev.sealgate.daemon;

import dev.sealgate.store.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The caller token in {@code <home>/proxy.token}: 32 random bytes, base64url without padding. It
 * proves a caller may use the proxy; it is not a credential for any upstream.
 */
public final class ProxyToken {
  private ProxyToken() {}

  public static void create(Path file) throws IOException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    byte[] text = Base64.getUrlEncoder().withoutPadding().encode(raw);
    java.util.Arrays.fill(raw, (byte) 0);
    AtomicFile.write(file, text);
  }

  /** The token text as ASCII bytes. */
  public static byte[] read(Path file) throws IOException {
    try {
      byte[] text = Files.readAllBytes(file);
      int end = text.length;
      while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r')) {
        end--;
      }
      return java.util.Arrays.copyOf(text, end);
    } catch (NoSuchFileException e) {
      throw new IOException("no proxy token at " + file + "; run: sealgate init", e);
    }
  }

  public static String readText(Path file) throws IOException {
    return new String(read(file), StandardCharsets.US_ASCII);
  }
}
