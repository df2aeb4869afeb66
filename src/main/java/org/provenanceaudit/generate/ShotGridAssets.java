package org.provenanceaudit.generate;

import static org.provenanceaudit.model.Fields.*;

import java.io.IOException;
import java.io.Writer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The asset inventory written as a production-tracking system exports it (ShotGrid's "Versions"
 * page saved as CSV): its own column names, {@code Final}/{@code In Progress}/{@code Temp}/{@code
 * Archived} for the deliverable status (in any case the contract allows) and {@code MM/dd/yyyy HH:mm:ss} times, read back through {@link #mapping}.
 * Malformed rows stay malformed: a bad status or time is written as planted, and the mapping
 * rejects it as the contract would.
 */
final class ShotGridAssets implements RowEncoder {

  static final String FILE_NAME = "shotgrid-versions.csv";

  /** Each asset field's column, in the generator's field order. */
  private static final Map<String, String> COLUMNS =
      Map.ofEntries(
          Map.entry(ASSET_ID, "Version Name"),
          Map.entry(PRODUCTION_ID, "Project"),
          Map.entry(VENDOR_ID, "Vendor"),
          Map.entry(DELIVERABLE_STATUS, "Status"),
          Map.entry(MEDIA_TYPE, "Media Type"),
          Map.entry(FILE_PATH, "Path to Frames"),
          Map.entry(SHA256, "SHA-256"),
          Map.entry(CREATED_AT, "Created At"),
          Map.entry(DERIVED_FROM, "Source Versions"),
          Map.entry(TALENT_IDS, "Talent"),
          Map.entry(IP_REFS, "IP References"),
          Map.entry(PERSONAL_DATA, "Personal Data"),
          Map.entry(UNION_COVERED, "Union Covered"),
          Map.entry(CONTENT_ROLE, "Role"),
          Map.entry(AI_LABELED, "AI Labeled"));

  private static final Map<String, String> STATUS = Map.of("final", "Final", "working", "In Progress", "temp", "Temp", "archived", "Archived");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm:ss");

  /**
   * The mapping file that reads the export as the asset input: {@link #FILE_NAME} when it is one
   * file, the glob {@code shotgrid-versions-*.csv} when {@code files} files share its rows (the
   * audit reads a source's files in path order, which is their row order).
   */
  static String mapping(int files) {
    return MAPPING.formatted(files == 1 ? FILE_NAME : FILE_NAME.replace(".csv", "-*.csv"));
  }

  private static final String MAPPING =
      """
      # Written by scripts/generate --assets-format=mapped: the assets as a ShotGrid-like export.
      sources:
        - files: %s
          input: assets
          fields:
            asset_id: Version Name
            production_id: Project
            vendor_id: Vendor
            deliverable_status:
              column: Status
              values: {"Final": final, "In Progress": working, "Temp": temp, "Archived": archived}
            media_type: Media Type
            file_path: Path to Frames
            sha256: SHA-256
            created_at: {column: Created At, format: "MM/dd/yyyy HH:mm:ss", zone: UTC}
            derived_from: Source Versions
            talent_ids: Talent
            ip_refs: IP References
            personal_data: Personal Data
            union_covered: Union Covered
            content_role: Role
            ai_labeled: AI Labeled
      """;

  private final RowEncoder csv = RowEncoder.csv(InputTable.ASSETS, "\n");
  private final List<InputTable.Field> fields = InputTable.ASSETS.fields();
  private final int status = index(DELIVERABLE_STATUS);
  private final int createdAt = index(CREATED_AT);

  @Override
  public void header(Writer out) throws IOException {
    String[] names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = COLUMNS.get(fields.get(i).name());
    }
    csv.row(out, names);
  }

  @Override
  public void row(Writer out, String[] values) throws IOException {
    csv.row(out, exported(values));
  }

  @Override
  public String text(String[] values) {
    return csv.text(exported(values));
  }

  private String[] exported(String[] values) {
    String[] row = values.clone();
    if (status < row.length && row[status] != null) {
      row[status] = STATUS.getOrDefault(row[status].toLowerCase(Locale.ROOT), row[status]);
    }
    if (createdAt < row.length && row[createdAt] != null && !row[createdAt].isEmpty()) {
      row[createdAt] = time(row[createdAt]);
    }
    return row;
  }

  /** A contract time in the export's format; a planted bad time as it was. */
  private static String time(String contract) {
    try {
      return contract.length() == 10
          ? LocalDate.parse(contract).atStartOfDay().format(TIME)
          : OffsetDateTime.parse(contract).withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    } catch (DateTimeException e) {
      return contract;
    }
  }

  private int index(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("assets have no field " + name);
  }
}
