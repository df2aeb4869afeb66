package org.provenanceaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink configuration the audit writes for a run without {@code --flinkConfDir} is read by
 * Flink's own loader as meant: the run's temporary folder for Flink's files, and the managed
 * memory that keeps embedded Flink's resident memory at scale 100 under 2.5 GB (README, "The JVM").
 */
class EmbeddedFlinkConfigurationTest {

  @Test
  void flinksLoaderReadsTheTemporaryFoldersAndTheManagedMemory(@TempDir Path temporary) throws IOException {
    Path folder = AuditCommand.flinkConfiguration(temporary);

    Configuration configuration = GlobalConfiguration.loadConfiguration(folder.toString());

    assertEquals(MemorySize.ofMebiBytes(128), configuration.get(TaskManagerOptions.MANAGED_MEMORY_SIZE));
    assertEquals(temporary.toString(), configuration.get(CoreOptions.TMP_DIRS));
  }
}
