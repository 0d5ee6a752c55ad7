package dev.sealgate.audit;

import static dev.sealgate.audit.AuditRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sealgate.api.AuditRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditReaderFollowTest {
  @TempDir Path dir;

  @Test
  void followSeesRecordsAppendedAfterItStartedButNotEarlierOnes() throws Exception {
    List<AuditRecord> received = new CopyOnWriteArrayList<>();
    CountDownLatch gotOne = new CountDownLatch(1);
    AtomicBoolean keepGoing = new AtomicBoolean(true);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (AuditLog log = AuditLog.open(dir, 10_000_000, 3)) {
      log.append(record("OLD0000000000000000000000A"));
      log.flush();
      Thread follower =
          new Thread(
              () -> {
                try {
                  AuditReader.follow(
                      dir,
                      r -> {
                        received.add(r);
                        gotOne.countDown();
                      },
                      keepGoing::get);
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "test-follow");
      follower.start();
      // The follower may not have looked at the file yet, so keep appending until it reports one.
      List<String> appended = new ArrayList<>();
      for (int i = 0; i < 100 && !gotOne.await(100, TimeUnit.MILLISECONDS); i++) {
        AuditRecord r = record(i);
        log.append(r);
        log.flush();
        appended.add(r.id());
      }
      assertThat(gotOne.getCount()).as("follow delivered a record within 10 s").isZero();
      keepGoing.set(false);
      follower.join(10_000);
      assertThat(follower.isAlive()).isFalse();
      assertThat(failure.get()).isNull();
      List<String> ids = received.stream().map(AuditRecord::id).toList();
      assertThat(ids).doesNotContain("OLD0000000000000000000000A").isNotEmpty();
      // Whatever it saw is a run of what was appended after it started, in order, once each.
      int first = appended.indexOf(ids.get(0));
      assertThat(first).isNotNegative();
      assertThat(ids).isEqualTo(appended.subList(first, first + ids.size()));
      assertThat(received.get(0).prev()).hasSize(64);
    }
  }
}
