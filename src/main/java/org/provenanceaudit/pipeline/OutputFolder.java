package org.provenanceaudit.pipeline;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The output folder, written whole or not at all: the run writes into a staging folder beside it,
 * and only a successful run marks it with {@code _SUCCESS} (last) and moves it into place. A failed
 * run leaves the previous output as it was.
 */
public final class OutputFolder {

  public static final String SUCCESS_MARKER = "_SUCCESS";

  private final Path target;
  private final Path staging;

  public OutputFolder(String output) throws IOException {
    this.target = Path.of(output).toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    this.staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
  }

  public Path staging() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /** Marks the staging folder complete and puts it in the place of the previous output. */
  public void commit() throws IOException {
    Files.writeString(staging.resolve(SUCCESS_MARKER), "");
    Path previous = null;
    if (Files.exists(target)) {
      previous = target.resolveSibling("." + target.getFileName() + ".previous-" + staging.getFileName());
      Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    if (previous != null) {
      deleteTree(previous);
    }
  }

  /** Removes what a failed run staged. */
  public void abandon() {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // The staging folder is hidden and named as such; a leftover does no harm to the output.
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
