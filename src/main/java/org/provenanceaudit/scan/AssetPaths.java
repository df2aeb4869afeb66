package org.provenanceaudit.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether an inventory's {@code file_path} may be opened under the assets root. A path that
 * is absolute, climbs out with {@code ..}, or resolves through a symbolic link to outside the root
 * is never opened; neither is a missing or unreadable file.
 */
public final class AssetPaths {
  private AssetPaths() {}

  /** Why {@code relativePath} must not be opened under {@code root}, or empty when it may. */
  public static Optional<String> unsafeReason(Path root, String relativePath) {
    if (relativePath == null || relativePath.isBlank()) {
      return Optional.of("no file path given");
    }
    if (relativePath.indexOf('\0') >= 0) {
      return Optional.of("file path contains a NUL character");
    }
    Path relative;
    try {
      relative = Path.of(relativePath);
    } catch (InvalidPathException e) {
      return Optional.of("file path is not a valid path");
    }
    if (relative.isAbsolute() || relativePath.startsWith("/") || relativePath.startsWith("\\")) {
      return Optional.of("file path is absolute; it must be relative to the assets root");
    }
    Path absoluteRoot = root.toAbsolutePath().normalize();
    Path candidate = absoluteRoot.resolve(relative).normalize();
    if (!candidate.startsWith(absoluteRoot)) {
      return Optional.of("file path climbs out of the assets root with '..'");
    }
    if (!Files.exists(candidate)) {
      return Optional.of("no file at this path under the assets root");
    }
    try {
      Path realRoot = absoluteRoot.toRealPath();
      Path real = candidate.toRealPath();
      if (!real.startsWith(realRoot)) {
        return Optional.of("file path resolves through a symbolic link to outside the assets root");
      }
      if (!Files.isRegularFile(real)) {
        return Optional.of("file path is not a regular file");
      }
      if (!Files.isReadable(real)) {
        return Optional.of("file is not readable");
      }
    } catch (IOException e) {
      return Optional.of("file cannot be resolved: " + e.getClass().getSimpleName());
    }
    return Optional.empty();
  }

  /** The path to open, when {@link #unsafeReason} has none. */
  public static Path resolve(Path root, String relativePath) {
    return root.toAbsolutePath().normalize().resolve(relativePath).normalize();
  }
}
