package dev.sealgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataTrainingTest {
  @TempDir Path parent;

  @Test
  void everyTrainedCommandSucceedsAndTheThrowawayHomeIsGone() throws Exception {
    Path dir = Files.createDirectory(parent.resolve("training"));

    ClassDataTraining.run(dir); // throws if any command fails: its classes would be missing

    assertThat(dir).doesNotExist();
    assertThat(parent).isEmptyDirectory();
  }
}
