package dev.sealgate.inject;

import dev.sealgate.api.ErrorCode;
import dev.sealgate.api.Injection;
import dev.sealgate.api.InjectionSpec;
import dev.sealgate.api.InjectionStyle;
import dev.sealgate.api.ProxyRefusal;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/**
 * The policy checks of SPEC §2, in the order a request meets them: every key must exist and allow
 * the host (before any lookup), then the resolved address must be public unless every key names the
 * host exactly; metadata endpoints are refused always.
 */
public final class InjectionPolicy {
  private InjectionPolicy() {}

  /**
   * Checks that {@code Sealgate-Form} meets a form: with another {@code Content-Type} the field
   * would be appended to a body the origin reads as something else (JSON, text). No type means a
   * form. {@code Sealgate-Body} is not checked here: curl labels {@code --data '{...}'} a form, so
   * the body itself decides (it must parse as JSON).
   *
   * @param contentType the request's {@code Content-Type}, or null
   * @throws ProxyRefusal {@code bad_injection_header} naming the type
   */
  public static void checkBodyType(InjectionSpec spec, String contentType, String host)
      throws ProxyRefusal {
    if (contentType == null) {
      return;
    }
    String media = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    if (media.equals("application/x-www-form-urlencoded")) {
      return;
    }
    for (Injection i : spec.injections()) {
      if (i.style() == InjectionStyle.FORM) {
        throw new ProxyRefusal(
            ErrorCode.BAD_INJECTION_HEADER,
            i.key(),
            host,
            "Sealgate-Form edits an application/x-www-form-urlencoded body, and this one is "
                + media
                + "; use Sealgate-Body for JSON");
      }
    }
  }

  /**
   * Checks that every key in {@code spec} exists and may go to {@code host}.
   *
   * @param grants looks a key up; returns {@code null} when the store has no such key
   * @return the grants, in the spec's key order
   */
  public static List<KeyGrant> checkKeys(
      InjectionSpec spec, String host, Function<String, KeyGrant> grants) throws ProxyRefusal {
    List<KeyGrant> found = new java.util.ArrayList<>();
    for (String key : spec.keys()) {
      KeyGrant grant = grants.apply(key);
      if (grant == null) {
        throw new ProxyRefusal(
            ErrorCode.UNKNOWN_KEY, key, host, "sealgate secrets set " + key + " --host " + host);
      }
      if (!grant.allows(host)) {
        throw new ProxyRefusal(
            ErrorCode.HOST_NOT_ALLOWED, key, host, "sealgate secrets allow " + key + " " + host);
      }
      found.add(grant);
    }
    return List.copyOf(found);
  }

  /**
   * Checks the address {@code host} resolved to, for an injected request.
   *
   * @throws ProxyRefusal {@code private_address} for a metadata endpoint, or for a non-public
   *     address that not every key names exactly
   */
  public static void checkAddress(String host, InetAddress address, List<KeyGrant> grants)
      throws ProxyRefusal {
    if (AddressClassifier.isMetadata(address)) {
      throw new ProxyRefusal(
          ErrorCode.PRIVATE_ADDRESS,
          grants.isEmpty() ? null : grants.get(0).key(),
          host,
          "cloud metadata endpoints never receive credentials");
    }
    if (!AddressClassifier.isNonPublic(address)) {
      return;
    }
    for (KeyGrant grant : grants) {
      if (!grant.namesExactly(host)) {
        throw new ProxyRefusal(
            ErrorCode.PRIVATE_ADDRESS,
            grant.key(),
            host,
            host
                + " resolves to a non-public address; to allow it name it exactly: sealgate secrets"
                + " allow "
                + grant.key()
                + " "
                + host);
      }
    }
  }

  /**
   * Checks the address of a CONNECT target that would be intercepted: the same rule as {@link
   * #checkAddress}, where one key naming the host exactly is enough to open the tunnel (each inner
   * request is then checked for its own keys).
   */
  public static void checkTunnelAddress(String host, InetAddress address, List<KeyGrant> grants)
      throws ProxyRefusal {
    List<KeyGrant> exact = grants.stream().filter(g -> g.namesExactly(host)).toList();
    checkAddress(host, address, exact.isEmpty() ? grants : exact);
  }
}
