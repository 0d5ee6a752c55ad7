package dev.sealgate.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.config.SealgatePaths;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
  @TempDir Path home;

  private SealgatePaths paths() {
    return SealgatePaths.fromEnvironment(Map.of("SEALGATE_HOME", home.toString()));
  }

  @Test
  void thePidFileHoldsThePidAloneAndTheAddressLivesBesideIt() throws Exception {
    SealgatePaths paths = paths();
    PidFile.write(paths, new InetSocketAddress(InetAddress.getByName("::1"), 18765));

    // What `kill $(cat sealgate.pid)` and a service manager's PIDFile= read.
    assertThat(Files.readString(paths.pidFile())).isEqualTo(ProcessHandle.current().pid() + "\n");
    assertThat(Files.readString(paths.addressFile())).isEqualTo("[0:0:0:0:0:0:0:1]:18765\n");
    assertThat(PidFile.read(paths))
        .hasValueSatisfying(
            r -> {
              assertThat(r.pid()).isEqualTo(ProcessHandle.current().pid());
              assertThat(r.listen()).isEqualTo("[0:0:0:0:0:0:0:1]:18765");
            });

    PidFile.removeIfOurs(paths);
    assertThat(paths.pidFile()).doesNotExist();
    assertThat(paths.addressFile()).doesNotExist();
    assertThat(PidFile.read(paths)).isEmpty();
  }

  @Test
  void aPidFileNamingAProcessThatHasEndedReadsAsNotRunning() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    SealgatePaths paths = paths();
    Files.writeString(paths.pidFile(), ended.pid() + "\n");
    Files.writeString(paths.addressFile(), "127.0.0.1:18765\n");

    assertThat(PidFile.read(paths)).isEmpty();
    PidFile.removeIfOurs(paths); // not ours: left for whoever owns it
    assertThat(paths.pidFile()).exists();
  }
}
