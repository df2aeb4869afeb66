package org.provenanceaudit.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Writes one whole data set: splits each table's rows over productions of Zipf-like sizes, then
 * plans and writes one production after the other into all files at once, so memory holds one
 * production's plan and never the events. One seeded random stream, split in a fixed order,
 * drives everything: the same settings give the same bytes.
 */
final class DatasetGenerator {

  /** 2024-01-01T00:00:00Z: productions start within the eighteen months after it. */
  private static final long EPOCH = 1_704_067_200L;
  private static final String[] TITLES = {"The Lighthouse", "Northern Line", "Salt & Iron", "Échos",
      "Harbour Lights", "\"Night Shift\"", "Glass Orchard", "The Long Winter", "Paper Moons", "Signal, Noise",
      "Kōhaku", "Dust Bowl Diaries", "Under the Bridge", "Red Meridian", "Quiet Hours"};
  private static final String[] TITLE_ENDINGS = {"", "", ": Season 2", " (Limited Series)", ", Part One"};

  /** What the data set holds beside the rule counts, for expected.json. */
  record Totals(int productions, int nonfiction, int vendors, long performers, long deepChains, long cycles,
      long danglingParents) {}

  private final GeneratorSettings settings;

  DatasetGenerator(GeneratorSettings settings) {
    this.settings = settings;
  }

  void generate() throws IOException {
    Path dir = settings.out();
    Files.createDirectories(dir);
    SplittableRandom master = new SplittableRandom(settings.seed());
    Map<InputTable, TableWriter> writers = new EnumMap<>(InputTable.class);
    Map<InputTable, Long> realRows = new EnumMap<>(InputTable.class);
    PlantedViolations violations = new PlantedViolations();
    TableWriter spans = null;
    Totals totals;
    try {
      for (InputTable table : InputTable.values()) {
        long rows = settings.rows(table);
        long malformed = Math.min(Math.round(rows * settings.malformedRate()),
            table == InputTable.PRODUCTIONS ? rows - 1 : rows);
        realRows.put(table, rows - malformed);
        long spanMalformed = 0;
        if (settings.otlpEvents() && table == InputTable.TOOL_EVENTS) {
          // About a quarter of the events carry an operation a span expresses, so the trace file gets
          // a quarter of the rows and of the malformed ones; a writer whose guess was high plants the
          // rest of its malformed rows after its last event.
          spanMalformed = malformed / 4;
          spans = new TableWriter(dir, table, settings.format(), rows / 4, spanMalformed, master.split(), false, true, settings.files());
        }
        writers.put(table, new TableWriter(dir, table, settings.format(), spans == null ? rows : rows - rows / 4, malformed - spanMalformed,
            master.split(), settings.mappedAssets(), false, settings.files()));
      }
      totals = writeProductions(writers, spans, realRows, violations, master);
    } finally {
      for (TableWriter writer : writers.values()) {
        writer.close();
      }
      if (spans != null) {
        spans.close();
      }
    }
    Files.writeString(dir.resolve("policy.yaml"), ToolCatalog.POLICY_YAML, StandardCharsets.UTF_8);
    if (settings.mappedAssets()) {
      Files.writeString(dir.resolve("mapping.yaml"), ShotGridAssets.mapping(settings.files()), StandardCharsets.UTF_8);
    } else {
      Files.deleteIfExists(dir.resolve("mapping.yaml"));
    }
    List<TableWriter> all = new ArrayList<>(writers.values());
    if (spans != null) {
      all.add(spans);
    }
    removeEarlierRuns(dir, all);
    ExpectedReport.write(dir.resolve("expected.json"), settings, all, violations, totals);
  }

  /**
   * Deletes the input files an earlier run left in the folder that this run did not write (another
   * {@code --format}, {@code --files}, {@code --assets-format} or {@code --events-format}): the
   * audit's {@code --input} scan would read them beside this run's. Only names this generator
   * writes are touched: an input's name, optionally with a shard number, then {@code .csv} or
   * {@code .jsonl}, optionally {@code .gz}.
   */
  private static void removeEarlierRuns(Path dir, List<TableWriter> written) throws IOException {
    Set<String> keep = new HashSet<>();
    written.forEach(writer -> keep.addAll(writer.fileNames()));
    List<String> stems = new ArrayList<>();
    for (InputTable table : InputTable.values()) {
      stems.add(Pattern.quote(table.baseName()));
    }
    stems.add(Pattern.quote(ShotGridAssets.FILE_NAME.substring(0, ShotGridAssets.FILE_NAME.indexOf('.'))));
    stems.add(Pattern.quote(OtlpToolEvents.FILE_NAME.substring(0, OtlpToolEvents.FILE_NAME.indexOf('.'))));
    Pattern generated = Pattern.compile("(" + String.join("|", stems) + ")(-\\d{5}-of-\\d{5})?\\.(csv|jsonl)(\\.gz)?");
    List<Path> stale;
    try (Stream<Path> files = Files.list(dir)) {
      stale = files.filter(file -> {
        String name = file.getFileName().toString();
        return generated.matcher(name).matches() && !keep.contains(name) && Files.isRegularFile(file);
      }).sorted().toList();
    }
    for (Path file : stale) {
      Files.delete(file);
    }
  }

  private Totals writeProductions(Map<InputTable, TableWriter> writers, TableWriter spans, Map<InputTable, Long> realRows,
      PlantedViolations violations, SplittableRandom master) throws IOException {
    int productions = (int) (long) realRows.get(InputTable.PRODUCTIONS);
    double[] weights = zipfWeights(productions, master.split());
    int[] assetsOf = allocate(realRows.get(InputTable.ASSETS), weights, 1);
    int[] eventsOf = allocate(realRows.get(InputTable.TOOL_EVENTS), weights, 4);
    int[] disclosuresOf = allocate(realRows.get(InputTable.DISCLOSURES), weights, 9);
    int[] consentsOf = allocate(realRows.get(InputTable.CONSENTS), weights, 6);
    DatasetIds ids = new DatasetIds();
    int[] freshProduction = {productions};
    writers.get(InputTable.PRODUCTIONS).freshRows(
        () -> new String[] {DatasetIds.productionId(++freshProduction[0]), "Untitled", ""});
    TreeSet<String> vendors = new TreeSet<>();
    int nonfiction = 0;
    long deepChains = 0;
    long cycles = 0;
    long dangling = 0;
    long performers = 0;
    for (int p = 0; p < productions; p++) {
      SplittableRandom random = master.split();
      int number = p + 1;
      // Three in ten productions are documentaries; the first is one, so even tiny sets have one.
      boolean isNonfiction = p % 10 == 0 || p % 10 == 4 || p % 10 == 7;
      long start = EPOCH + IsoTime.DAY * random.nextInt(541);
      long end = start + IsoTime.DAY * (90 + random.nextInt(331));
      int size = assetsOf[p];
      int wantedVendors = Math.min(6, (size >= 2000 ? 5 : size >= 600 ? 4 : size >= 200 ? 3 : 2) + random.nextInt(2));
      DisclosurePlan.Budget budget = DisclosurePlan.Budget.of(disclosuresOf[p], wantedVendors);
      String otherProduction = DatasetIds.productionId(productions > 1 ? (number % productions) + 1 : 0);
      ProductionCast cast = ProductionCast.plan(number, isNonfiction, start, end, budget.vendors(), consentsOf[p],
          otherProduction, ids, random);
      AssetPlan assets = AssetPlan.plan(cast, size, budget.traps(), random);
      DisclosurePlan disclosures = DisclosurePlan.plan(cast, assets, budget, ids, random);

      String title = TITLES[random.nextInt(TITLES.length)] + TITLE_ENDINGS[random.nextInt(TITLE_ENDINGS.length)];
      writers.get(InputTable.PRODUCTIONS).write(new String[] {cast.id, title, AssetPlan.bool(isNonfiction, random)});

      TableWriter assetWriter = writers.get(InputTable.ASSETS);
      assetWriter.freshRows(() -> assets.freshRow(random));
      for (int a = 0; a < size; a++) {
        assetWriter.write(assets.row(a, random));
      }
      TableWriter disclosureWriter = writers.get(InputTable.DISCLOSURES);
      disclosureWriter.freshRows(() -> freshDisclosure(cast, ids));
      for (String[] row : disclosures.rows) {
        disclosureWriter.write(row);
      }
      TableWriter consentWriter = writers.get(InputTable.CONSENTS);
      consentWriter.freshRows(() -> new String[] {ids.nextConsent(), ids.nextTalent(), cast.id, "likeness",
          "", "", ""});
      for (ProductionCast.Consent consent : cast.consents) {
        consentWriter.write(consent.row());
      }
      violations.startProduction(assets);
      new ToolEventStream(cast, assets, disclosures, violations, ids, random)
          .write(writers.get(InputTable.TOOL_EVENTS), spans, eventsOf[p]);
      violations.finishProduction(cast, assets);

      cast.vendors.forEach(vendor -> vendors.add(vendor.id()));
      nonfiction += isNonfiction ? 1 : 0;
      performers += cast.talentIds.length;
      deepChains += assets.deepChains;
      cycles += assets.cycles;
      dangling += assets.danglingParents;
    }
    return new Totals(productions, nonfiction, vendors.size(), performers, deepChains, cycles, dangling);
  }

  /** A disclosure for the writer to break, whose window closes before the production starts. */
  private static String[] freshDisclosure(ProductionCast cast, DatasetIds ids) {
    return new String[] {ids.nextDisclosure(), cast.id, cast.vendors.get(0).id(), "firefly-ent", "",
        "Superseded draft", IsoTime.date(cast.start - 400 * IsoTime.DAY), IsoTime.date(cast.start - 300 * IsoTime.DAY),
        IsoTime.utc(cast.start - 401 * IsoTime.DAY), "", "", ""};
  }

  /** A few large productions, many small: weight 1/rank^1.1, ranks shuffled over production numbers. */
  static double[] zipfWeights(int count, SplittableRandom random) {
    int[] ranks = IntStream.rangeClosed(1, count).toArray();
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = ranks[i];
      ranks[i] = ranks[j];
      ranks[j] = swap;
    }
    double[] weights = new double[count];
    for (int i = 0; i < count; i++) {
      weights[i] = 1 / Math.pow(ranks[i], 1.1);
    }
    return weights;
  }

  /**
   * Splits {@code total} over the weights, each share at least {@code minimum} when the total
   * allows (otherwise evenly), the rest by largest remainder; sums to {@code total} exactly.
   */
  static int[] allocate(long total, double[] weights, int minimum) {
    int n = weights.length;
    int[] shares = new int[n];
    if (total < (long) minimum * n) {
      for (int i = 0; i < n; i++) {
        shares[i] = (int) (total / n + (i < total % n ? 1 : 0));
      }
      return shares;
    }
    long rest = total - (long) minimum * n;
    double sum = 0;
    for (double weight : weights) {
      sum += weight;
    }
    double[] remainders = new double[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      double exact = rest * weights[i] / sum;
      long whole = (long) Math.floor(exact);
      shares[i] = (int) (minimum + whole);
      given += whole;
      remainders[i] = exact - whole;
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    order.sort(Comparator.<Integer>comparingDouble(i -> -remainders[i]).thenComparingInt(i -> i));
    for (int k = 0; k < rest - given; k++) {
      shares[order.get(k % n)]++;
    }
    return shares;
  }
}
