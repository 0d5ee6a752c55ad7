package dev.sealgate.inject;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every literal here is an address literal: InetAddress parses it without a DNS lookup. */
class AddressClassifierTest {

  private static InetAddress ip(String literal) {
    assertThat(literal).matches("[0-9a-fA-F:.]+");
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(literal, e);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // unspecified and "this network" 0.0.0.0/8
        "0.0.0.0",
        "0.255.255.255",
        // loopback 127/8
        "127.0.0.1",
        "127.0.0.0",
        "127.255.255.255",
        // RFC 1918
        "10.0.0.0",
        "10.0.0.1",
        "10.255.255.255",
        "172.16.0.0",
        "172.20.1.1",
        "172.31.255.255",
        "192.168.0.0",
        "192.168.255.255",
        // link-local 169.254/16
        "169.254.0.0",
        "169.254.255.255",
        // CGNAT 100.64/10
        "100.64.0.0",
        "100.127.255.255",
        // multicast, reserved, broadcast
        "224.0.0.0",
        "239.255.255.255",
        "240.0.0.1",
        "255.255.255.255",
        // IPv6 unspecified, loopback, ULA, link-local, multicast
        "::",
        "::1",
        "fc00::",
        "fc00::1",
        "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe80::",
        "fe80::1",
        "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fec0::1",
        "ff00::",
        "ff02::1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        // IPv4-mapped forms
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "::ffff:192.168.1.1",
        "::ffff:100.64.0.1",
        "::ffff:169.254.1.1",
        "::ffff:0.0.0.0",
        "::ffff:172.16.0.1",
        "::ffff:224.0.0.1",
        // IPv4-compatible, NAT64 and 6to4 forms
        "::10.0.0.1",
        "::127.0.0.1",
        "64:ff9b::10.0.0.1",
        "64:ff9b::127.0.0.1",
        "2002:0a00:0001::",
        "2002:7f00:0001::1",
        "2002:c0a8:0101::",
      })
  void nonPublic(String literal) {
    assertThat(AddressClassifier.isNonPublic(ip(literal))).as(literal).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "1.0.0.0",
        // each side of every IPv4 range
        "9.255.255.255",
        "11.0.0.0",
        "126.255.255.255",
        "128.0.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.167.255.255",
        "192.169.0.0",
        "223.255.255.255",
        // IPv6 public and each side of the IPv6 ranges
        "2606:4700::1111",
        "2001:4860:4860::8888",
        "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "fe00::",
        "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        // public IPv4 in every embedding
        "::ffff:8.8.8.8",
        "::8.8.8.8",
        "64:ff9b::8.8.8.8",
        "2002:0808:0808::1",
        "64:ff9b:1::a00:1",
      })
  void isPublic(String literal) {
    assertThat(AddressClassifier.isNonPublic(ip(literal))).as(literal).isFalse();
    assertThat(AddressClassifier.isMetadata(ip(literal))).as(literal).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.254",
        "100.100.100.200",
        "fd00:ec2::254",
        "FD00:EC2:0:0:0:0:0:254",
        "::ffff:169.254.169.254",
        "::ffff:100.100.100.200",
        "::169.254.169.254",
        "64:ff9b::169.254.169.254",
        "2002:a9fe:a9fe::",
      })
  void metadata(String literal) {
    assertThat(AddressClassifier.isMetadata(ip(literal))).as(literal).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "169.254.169.253",
        "169.254.169.255",
        "100.100.100.199",
        "100.100.100.201",
        "fd00:ec2::253",
        "fd00:ec2::1:254",
      })
  void nearMetadataIsNotMetadata(String literal) {
    assertThat(AddressClassifier.isMetadata(ip(literal))).as(literal).isFalse();
  }

  @Test
  void metadataAddressesAreAlsoNonPublic() {
    assertThat(AddressClassifier.isNonPublic(ip("169.254.169.254"))).isTrue();
    assertThat(AddressClassifier.isNonPublic(ip("100.100.100.200"))).isTrue();
    assertThat(AddressClassifier.isNonPublic(ip("fd00:ec2::254"))).isTrue();
  }

  @Test
  void literalParsesAddressesAndReturnsNullForNames() {
    assertThat(AddressClassifier.literal("10.0.0.1")).isEqualTo(ip("10.0.0.1"));
    assertThat(AddressClassifier.literal("[::1]")).isEqualTo(ip("::1"));
    assertThat(AddressClassifier.literal("fd00:ec2::254")).isEqualTo(ip("fd00:ec2::254"));
    // Names (and name-like strings) are left to the resolver: literal() never looks them up.
    assertThat(AddressClassifier.literal("localhost")).isNull();
    assertThat(AddressClassifier.literal("api.example.com")).isNull();
    assertThat(AddressClassifier.literal("10.0.0.1.nip.io")).isNull();
  }
}
