package org.provenanceaudit.scan;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Opens an inventory's {@code file_path} under the assets root, and only there. A path that is
 * absolute, climbs out with {@code ..}, or resolves through a symbolic link to outside the root is
 * never opened; neither is a missing or unreadable file, nor anything but a regular file.
 *
 * <p>The check and the open are two steps ({@link #check}, then {@link CheckedPath#open}), and a
 * link put in place of a folder or the file between them must not lead the open out of the root.
 * So the open does not use the path as a whole: it walks the checked real path one component at a
 * time from the root's real path, each folder opened relative to the one before and none followed
 * if it is a link ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}).
 */
public final class AssetPaths {
  private AssetPaths() {}

  /** Why a file path was not opened, in words for the asset's {@code ASSET_FILE_MISSING} finding. */
  public static final class UnsafePathException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsafePathException(String reason) {
      super(reason);
    }
  }

  /**
   * A file path that passed {@link #check}: {@code relative} is its real path (no link, no {@code
   * ..}) relative to the root's real path {@code realRoot}.
   */
  public record CheckedPath(Path realRoot, Path relative) {

    /**
     * Opens the checked file for reading, following no link on the way: each folder of {@link
     * #relative} is opened within the one before it, and the file within the last. The caller
     * closes the channel.
     *
     * @throws UnsafePathException when a folder or the file became a link, or anything else
     *     changed on the way, since the check (the file is then not opened), or when this system
     *     cannot open a file relative to a folder (no {@link SecureDirectoryStream})
     */
    public SeekableByteChannel open() throws UnsafePathException {
      try (DirectoryStream<Path> top = Files.newDirectoryStream(realRoot)) {
        if (!(top instanceof SecureDirectoryStream<Path> root)) {
          throw new UnsafePathException("file not opened: this system cannot open a file without following symbolic links");
        }
        return openWithin(root, relative, relative.getName(0));
      } catch (FileSystemException e) {
        throw new UnsafePathException(
            "file path changed after it was checked (" + e.getClass().getSimpleName() + "); not opened");
      } catch (IOException e) {
        throw new UnsafePathException("file cannot be opened: " + e.getClass().getSimpleName());
      }
    }

    /**
     * Opens {@code rest} within {@code folder}, its first name first; {@code shown} is the path
     * walked so far, including that name, for the reason.
     */
    private static SeekableByteChannel openWithin(SecureDirectoryStream<Path> folder, Path rest, Path shown)
        throws IOException, UnsafePathException {
      Path name = rest.getName(0);
      BasicFileAttributes attributes =
          folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
      if (attributes.isSymbolicLink()) {
        throw new UnsafePathException(
            "file path changed after it was checked: " + shown + " is now a symbolic link; not followed");
      }
      if (rest.getNameCount() == 1) {
        if (!attributes.isRegularFile()) {
          throw new UnsafePathException("file path is not a regular file");
        }
        return folder.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
      }
      try (SecureDirectoryStream<Path> next = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
        Path below = rest.subpath(1, rest.getNameCount());
        return openWithin(next, below, shown.resolve(below.getName(0)));
      }
    }
  }

  /**
   * Checks {@code relativePath} (an inventory's {@code file_path}) under {@code root}.
   *
   * @return the path to open, as its real path under the root's real path
   * @throws UnsafePathException why the path must not be opened: none given, NUL, not a path,
   *     absolute, climbing out with {@code ..}, missing, a link to outside the root, not a regular
   *     file, or not readable
   */
  public static CheckedPath check(Path root, String relativePath) throws UnsafePathException {
    if (relativePath == null || relativePath.isBlank()) {
      throw new UnsafePathException("no file path given");
    }
    if (relativePath.indexOf('\0') >= 0) {
      throw new UnsafePathException("file path contains a NUL character");
    }
    Path relative;
    try {
      relative = Path.of(relativePath);
    } catch (InvalidPathException e) {
      throw new UnsafePathException("file path is not a valid path");
    }
    if (relative.isAbsolute() || relativePath.startsWith("/") || relativePath.startsWith("\\")) {
      throw new UnsafePathException("file path is absolute; it must be relative to the assets root");
    }
    Path absoluteRoot = root.toAbsolutePath().normalize();
    Path candidate = absoluteRoot.resolve(relative).normalize();
    if (!candidate.startsWith(absoluteRoot)) {
      throw new UnsafePathException("file path climbs out of the assets root with '..'");
    }
    if (!Files.exists(candidate)) {
      throw new UnsafePathException("no file at this path under the assets root");
    }
    try {
      Path realRoot = absoluteRoot.toRealPath();
      Path real = candidate.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new UnsafePathException("file path resolves through a symbolic link to outside the assets root");
      }
      if (!Files.isRegularFile(real)) {
        throw new UnsafePathException("file path is not a regular file");
      }
      if (!Files.isReadable(real)) {
        throw new UnsafePathException("file is not readable");
      }
      return new CheckedPath(realRoot, realRoot.relativize(real));
    } catch (IOException e) {
      throw new UnsafePathException("file cannot be resolved: " + e.getClass().getSimpleName());
    }
  }
}
