package dev.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealgatePathsTest {
  @Test
  void homeFromSealgateHomeFirst() {
    SealgatePaths p =
        SealgatePaths.fromEnvironment(
            Map.of("SEALGATE_HOME", "/srv/sg", "XDG_STATE_HOME", "/x/state", "HOME", "/home/u"));
    assertThat(p.home()).isEqualTo(Path.of("/srv/sg"));
  }

  @Test
  void homeFromXdgStateHomeSecond() {
    SealgatePaths p =
        SealgatePaths.fromEnvironment(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/home/u"));
    assertThat(p.home()).isEqualTo(Path.of("/x/state/sealgate"));
  }

  @Test
  void homeFallsBackToDotSealgate() {
    assertThat(SealgatePaths.fromEnvironment(Map.of("HOME", "/home/u")).home())
        .isEqualTo(Path.of("/home/u/.sealgate"));
  }

  @Test
  void blankVariablesCountAsUnset() {
    SealgatePaths p =
        SealgatePaths.fromEnvironment(
            Map.of(
                "SEALGATE_HOME", " ",
                "XDG_STATE_HOME", "",
                "SEALGATE_CONFIG", "",
                "XDG_CONFIG_HOME", " ",
                "HOME", "/home/u"));
    assertThat(p.home()).isEqualTo(Path.of("/home/u/.sealgate"));
    assertThat(p.configFile()).isEqualTo(Path.of("/home/u/.config/sealgate/config.yaml"));
  }

  @Test
  void withoutHomeUsesTheJavaUserHome() {
    assertThat(SealgatePaths.fromEnvironment(Map.of()).home())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".sealgate").toAbsolutePath());
    assertThat(SealgatePaths.fromEnvironment(Map.of("HOME", "")).home())
        .isEqualTo(Path.of(System.getProperty("user.home"), ".sealgate").toAbsolutePath());
  }

  @Test
  void configFromSealgateConfigThenXdgThenHome() {
    assertThat(
            SealgatePaths.fromEnvironment(
                    Map.of(
                        "SEALGATE_CONFIG", "/etc/sg.yaml",
                        "XDG_CONFIG_HOME", "/x/config",
                        "HOME", "/home/u"))
                .configFile())
        .isEqualTo(Path.of("/etc/sg.yaml"));
    assertThat(
            SealgatePaths.fromEnvironment(Map.of("XDG_CONFIG_HOME", "/x/config", "HOME", "/home/u"))
                .configFile())
        .isEqualTo(Path.of("/x/config/sealgate/config.yaml"));
    assertThat(SealgatePaths.fromEnvironment(Map.of("HOME", "/home/u")).configFile())
        .isEqualTo(Path.of("/home/u/.config/sealgate/config.yaml"));
  }

  @Test
  void configDoesNotFollowSealgateHome() {
    assertThat(
            SealgatePaths.fromEnvironment(Map.of("SEALGATE_HOME", "/srv/sg", "HOME", "/home/u"))
                .configFile())
        .isEqualTo(Path.of("/home/u/.config/sealgate/config.yaml"));
  }

  @Test
  void relativePathsAreMadeAbsolute() {
    SealgatePaths p = SealgatePaths.fromEnvironment(Map.of("SEALGATE_HOME", "rel/home"));
    assertThat(p.home()).isAbsolute().isEqualTo(Path.of("rel/home").toAbsolutePath());
  }

  @Test
  void filesLiveUnderHomeAsTheSpecSays() {
    SealgatePaths p = SealgatePaths.fromEnvironment(Map.of("SEALGATE_HOME", "/h"));
    assertThat(p.auditDir()).isEqualTo(Path.of("/h/audit"));
    assertThat(p.tokenFile()).isEqualTo(Path.of("/h/proxy.token"));
    assertThat(p.vaultFile()).isEqualTo(Path.of("/h/vault.bin"));
    assertThat(p.indexFile()).isEqualTo(Path.of("/h/index.json"));
    assertThat(p.pidFile()).isEqualTo(Path.of("/h/sealgate.pid"));
    assertThat(p.addressFile()).isEqualTo(Path.of("/h/proxy.address"));
    assertThat(p.caDir()).isEqualTo(Path.of("/h/ca"));
  }
}
