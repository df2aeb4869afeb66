package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetPathsTest {
  @TempDir Path dir;
  Path root;

  @BeforeEach
  void layout() throws Exception {
    root = Files.createDirectories(dir.resolve("assets"));
    Files.createDirectories(root.resolve("shots"));
    Files.writeString(root.resolve("shots/a.png"), "inside");
    Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(root.resolve("shots/escape.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("shots/inside.png"), root.resolve("shots/a.png"));
  }

  private String reason(String relativePath) {
    return assertThrows(AssetPaths.UnsafePathException.class, () -> AssetPaths.check(root, relativePath)).getMessage();
  }

  private static String read(SeekableByteChannel channel) throws Exception {
    try (channel) {
      ByteBuffer buffer = ByteBuffer.allocate(64);
      channel.read(buffer);
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aFileUnderTheRootIsOpened() throws Exception {
    assertEquals("inside", read(AssetPaths.check(root, "shots/a.png").open()));
    assertEquals("inside", read(AssetPaths.check(root, "shots/../shots/a.png").open()));
    assertEquals("inside", read(AssetPaths.check(root, "shots/inside.png").open()));
  }

  @Test
  void absolutePathsAreRefused() {
    assertEquals("file path is absolute; it must be relative to the assets root", reason(root.resolve("shots/a.png").toString()));
  }

  @Test
  void climbingOutWithDotDotIsRefused() {
    assertEquals("file path climbs out of the assets root with '..'", reason("shots/../../secret.txt"));
  }

  @Test
  void symbolicLinkToOutsideTheRootIsRefused() {
    assertEquals("file path resolves through a symbolic link to outside the assets root", reason("shots/escape.txt"));
  }

  @Test
  void missingFileIsAReason() {
    assertEquals("no file at this path under the assets root", reason("shots/nope.png"));
  }

  @Test
  void aFileSwappedForALinkToOutsideAfterTheCheckIsNotOpened() throws Exception {
    AssetPaths.CheckedPath checked = AssetPaths.check(root, "shots/a.png");
    Files.delete(root.resolve("shots/a.png"));
    Files.createSymbolicLink(root.resolve("shots/a.png"), dir.resolve("secret.txt"));

    AssetPaths.UnsafePathException refused = assertThrows(AssetPaths.UnsafePathException.class, checked::open);
    assertEquals("file path changed after it was checked: shots/a.png is now a symbolic link; not followed", refused.getMessage());
  }

  @Test
  void aFolderSwappedForALinkToOutsideAfterTheCheckIsNotOpened() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("a.png"), "outside");
    AssetPaths.CheckedPath checked = AssetPaths.check(root, "shots/a.png");
    Files.move(root.resolve("shots"), dir.resolve("shots-moved"));
    Files.createSymbolicLink(root.resolve("shots"), outside);

    AssetPaths.UnsafePathException refused = assertThrows(AssetPaths.UnsafePathException.class, checked::open);
    assertEquals("file path changed after it was checked: shots is now a symbolic link; not followed", refused.getMessage());
  }

  @Test
  void aFileSwappedForAFolderAfterTheCheckIsNotOpened() throws Exception {
    AssetPaths.CheckedPath checked = AssetPaths.check(root, "shots/a.png");
    Files.delete(root.resolve("shots/a.png"));
    Files.createDirectory(root.resolve("shots/a.png"));

    assertEquals("file path is not a regular file", assertThrows(AssetPaths.UnsafePathException.class, checked::open).getMessage());
  }

  @Test
  void aFileRemovedAfterTheCheckIsAReason() throws Exception {
    AssetPaths.CheckedPath checked = AssetPaths.check(root, "shots/a.png");
    Files.delete(root.resolve("shots/a.png"));

    assertEquals(
        "file path changed after it was checked (NoSuchFileException); not opened",
        assertThrows(AssetPaths.UnsafePathException.class, checked::open).getMessage());
  }

  @Test
  void theScanReadsTheFileThatWasOpenedNotWhatThePathNamesLater() throws Exception {
    ProvenanceScanner scanner = new ProvenanceScanner(new ScanPolicy(Set.of(), Set.of(), Set.of()));
    try (SeekableByteChannel channel = AssetPaths.check(root, "shots/a.png").open()) {
      Files.delete(root.resolve("shots/a.png"));
      Files.createSymbolicLink(root.resolve("shots/a.png"), dir.resolve("secret.txt"));

      ScanRecord record = scanner.scan("shots/a.png", channel);
      assertEquals("shots/a.png", record.path());
      assertEquals("inside".length(), record.bytesRead());
    }
  }
}
