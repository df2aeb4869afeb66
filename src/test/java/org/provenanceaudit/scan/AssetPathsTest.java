package org.provenanceaudit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
    Files.writeString(root.resolve("shots/a.png"), "x");
    Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(root.resolve("shots/escape.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("shots/inside.png"), root.resolve("shots/a.png"));
  }

  @Test
  void aFileUnderTheRootMayBeOpened() {
    assertEquals(Optional.empty(), AssetPaths.unsafeReason(root, "shots/a.png"));
    assertEquals(Optional.empty(), AssetPaths.unsafeReason(root, "shots/../shots/a.png"));
    assertEquals(Optional.empty(), AssetPaths.unsafeReason(root, "shots/inside.png"));
  }

  @Test
  void absolutePathsAreRefused() {
    assertEquals(Optional.of("file path is absolute; it must be relative to the assets root"),
        AssetPaths.unsafeReason(root, root.resolve("shots/a.png").toString()));
  }

  @Test
  void climbingOutWithDotDotIsRefused() {
    assertEquals(Optional.of("file path climbs out of the assets root with '..'"),
        AssetPaths.unsafeReason(root, "shots/../../secret.txt"));
  }

  @Test
  void symbolicLinkToOutsideTheRootIsRefused() {
    assertEquals(Optional.of("file path resolves through a symbolic link to outside the assets root"),
        AssetPaths.unsafeReason(root, "shots/escape.txt"));
  }

  @Test
  void missingFileIsAReason() {
    assertEquals(Optional.of("no file at this path under the assets root"),
        AssetPaths.unsafeReason(root, "shots/nope.png"));
  }
}
