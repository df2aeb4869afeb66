package org.provenanceaudit.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Input files on the local file system, as every way in finds them (the input options' globs and
 * a mapping file's sources): where a glob's walk starts and how deep it goes, and whether a matched
 * name is a regular file the audit can read. A FIFO would block a read forever, and a broken link
 * (an unmounted share), a folder or a link loop skipped without a word would end the run as if on
 * complete data, so each is named instead.
 */
public final class LocalFiles {

  private LocalFiles() {}

  /**
   * The walk a glob needs: the folder before its first wildcard, the depth below it ({@code *}
   * within a folder, {@code **} across folders: unbounded), and whether it has a wildcard at all.
   *
   * @param pattern an absolute, normalised glob
   */
  public record GlobWalk(Path pattern, Path base, int depth, boolean wildcard) {

    public static GlobWalk of(Path pattern) {
      Path base = pattern.getRoot();
      int depth = 0;
      boolean wildcard = false;
      for (Path part : pattern) {
        wildcard = wildcard || part.toString().matches(".*[*?\\[{].*");
        if (!wildcard) {
          base = base.resolve(part);
        } else if (depth < Integer.MAX_VALUE) {
          depth = part.toString().contains("**") ? Integer.MAX_VALUE : depth + 1;
        }
      }
      return new GlobWalk(pattern, base, depth, wildcard);
    }
  }

  /**
   * Why {@code file} is not a regular file this process can read ("is a FIFO", "is a folder", "is a
   * link to a missing file", "is a link loop", "cannot be read: permission denied"); empty when it
   * is one. Links to regular files are followed.
   */
  public static Optional<String> unreadable(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      }
      if (attributes.isDirectory()) {
        return Optional.of("is a folder");
      } else if (!attributes.isRegularFile()) {
        return Optional.of("is a " + specialFileType(file));
      } else if (!Files.isReadable(file)) {
        return Optional.of("cannot be read: permission denied");
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.of("is a link to a missing file");
    } catch (AccessDeniedException e) {
      return Optional.of("cannot be read: permission denied");
    } catch (FileSystemException e) {
      return Optional.of(e.getReason() != null && e.getReason().contains("symbolic links") ? "is a link loop" : "cannot be read: " + e.getReason());
    } catch (IOException e) {
      return Optional.of("cannot be read: " + e.getMessage());
    }
  }

  /** "FIFO", "socket", "device" or "special file", from the file's Unix mode bits where the platform has them. */
  private static String specialFileType(Path file) {
    try {
      int type = (Integer) Files.getAttribute(file, "unix:mode") & 0170000;
      return switch (type) {
        case 0010000 -> "FIFO";
        case 0140000 -> "socket";
        case 0020000, 0060000 -> "device";
        default -> "special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "special file";
    }
  }
}
