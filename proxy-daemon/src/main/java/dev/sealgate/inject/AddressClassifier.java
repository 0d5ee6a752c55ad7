package dev.sealgate.inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Classifies resolved addresses for the private-address rule (SPEC §2). Works on the address bytes
 * only: no lookups, so it can be tested exhaustively and run on the event loop.
 */
public final class AddressClassifier {
  private static final byte[] EC2_METADATA_V6 = {
    (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  private AddressClassifier() {}

  /** Cloud metadata endpoints, refused even when a key's allowlist names them. */
  public static boolean isMetadata(InetAddress address) {
    byte[] b = embeddedIpv4(address);
    if (b != null) {
      int a0 = b[0] & 0xff;
      int a1 = b[1] & 0xff;
      int a2 = b[2] & 0xff;
      int a3 = b[3] & 0xff;
      return (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254)
          || (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200);
    }
    return java.util.Arrays.equals(address.getAddress(), EC2_METADATA_V6);
  }

  /**
   * Whether an injected request to this address needs the host named explicitly: loopback, RFC
   * 1918, link-local, CGNAT, unspecified, multicast, broadcast, IPv6 ULA, and the IPv4-mapped,
   * -compatible, NAT64 and 6to4 forms of the IPv4 ones.
   */
  public static boolean isNonPublic(InetAddress address) {
    byte[] v4 = embeddedIpv4(address);
    if (v4 != null) {
      return isNonPublicV4(v4);
    }
    byte[] b = address.getAddress();
    int first = b[0] & 0xff;
    return address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || first == 0xff // multicast ff00::/8
        || (first & 0xfe) == 0xfc // ULA fc00::/7
        || (first == 0xfe && (b[1] & 0xc0) == 0x80) // link-local fe80::/10
        || (first == 0xfe && (b[1] & 0xc0) == 0xc0) // deprecated site-local fec0::/10
        || (first == 0x20
            && b[1] == 0x01
            && b[2] == 0x0d
            && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
  }

  private static boolean isNonPublicV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return a0 == 0 // 0.0.0.0/8, "this network"
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && (a1 & 0xc0) == 64) // CGNAT 100.64.0.0/10
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
        || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking 198.18.0.0/15
        || a0 >= 224; // multicast, reserved and broadcast
  }

  /**
   * The IPv4 address an IPv6 address stands for, so that {@code ::ffff:10.0.0.1} is judged as
   * {@code 10.0.0.1}: IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
   * Returns the plain bytes for an IPv4 address and {@code null} for other IPv6 addresses.
   */
  static byte[] embeddedIpv4(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getAddress();
    }
    byte[] b = address.getAddress();
    if (!(address instanceof Inet6Address) || b.length != 16) {
      return null;
    }
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return slice(b, 12);
    }
    if (allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
      return slice(b, 12); // ::a.b.c.d, but not :: or ::1
    }
    if (b[0] == 0x00
        && b[1] == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && allZero(b, 4, 12)) {
      return slice(b, 12);
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]};
    }
    return null;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] b, int from) {
    return java.util.Arrays.copyOfRange(b, from, from + 4);
  }

  /** Parses an address literal without any DNS lookup; {@code null} when it is a name. */
  public static InetAddress literal(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean v4 = h.contains(".") && isDigitsAndDots(h);
    boolean v6 = h.contains(":");
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(h); // a literal: Java parses it without a lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  // A loop, not a stream: every request's host is asked.
  private static boolean isDigitsAndDots(String h) {
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
