package org.provenanceaudit.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provenanceaudit.rules.AuditFixture.asset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.provenanceaudit.model.Asset;
import org.provenanceaudit.rules.AuditFixture.AssetRow;

class GeneratedAssetLineageTest {

  private static List<Asset> inventory(AssetRow... rows) {
    List<Asset> assets = new ArrayList<>();
    for (AssetRow row : rows) {
      assets.add(row.build());
    }
    return assets;
  }

  /** Every step of a path is a real derived_from link, so a person can check it in the inventory. */
  private static void assertRealLinks(List<Asset> assets, List<String> path) {
    Map<String, List<String>> parents = new HashMap<>();
    assets.forEach(a -> parents.put(a.assetId(), a.derivedFrom()));
    for (int i = 0; i + 1 < path.size(); i++) {
      assertTrue(
          parents.get(path.get(i)).contains(path.get(i + 1)),
          path.get(i) + " is not derived from " + path.get(i + 1) + " in path " + path);
    }
  }

  @Test
  void pathRunsThroughThreeGenerationsToTheGeneratedAsset() {
    List<Asset> assets = inventory(asset("A-1"), asset("A-2").from("A-1"), asset("A-3").from("A-2"), asset("A-4"));
    GeneratedAssetLineage.Paths paths = new GeneratedAssetLineage(assets).pathsTo(Set.of("A-1")::contains);

    assertEquals(Optional.of(List.of("A-3", "A-2", "A-1")), paths.from("A-3"));
    assertEquals(Optional.of(List.of("A-1")), paths.from("A-1"));
    assertEquals(Optional.empty(), paths.from("A-4"));
    assertFalse(paths.reaches("A-4"));
    assertEquals(List.of(), new GeneratedAssetLineage(assets).cycles());
  }

  @Test
  void orderOfTheInventoryDoesNotMatter() {
    List<Asset> assets = inventory(asset("A-3").from("A-2"), asset("A-2").from("A-1"), asset("A-1"));

    assertEquals(
        Optional.of(List.of("A-3", "A-2", "A-1")), new GeneratedAssetLineage(assets).pathsTo("A-1"::equals).from("A-3"));
  }

  @Test
  void parentMissingFromTheInventoryIsIgnored() {
    List<Asset> assets = inventory(asset("A-1"), asset("A-2").from("X-9", "A-1"), asset("A-3").from("X-9"));
    GeneratedAssetLineage lineage = new GeneratedAssetLineage(assets);
    GeneratedAssetLineage.Paths paths = lineage.pathsTo(id -> id.equals("A-1") || id.equals("X-9"));

    assertEquals(Optional.of(List.of("A-2", "A-1")), paths.from("A-2"));
    assertEquals(Optional.empty(), paths.from("A-3"), "X-9 is not in the inventory, so nothing derives from it");
    assertEquals(Optional.empty(), paths.from("X-9"));
    assertEquals(List.of(), lineage.cycles());
  }

  @Test
  void twoCycleAndSelfLoopAreEachReportedOnceWithIdsSorted() {
    List<Asset> assets =
        inventory(asset("B-2").from("B-1"), asset("B-1").from("B-2"), asset("C-1").from("C-1"), asset("D-1").from("B-1"));

    assertEquals(List.of(List.of("B-1", "B-2"), List.of("C-1")), new GeneratedAssetLineage(assets).cycles());
  }

  @Test
  void longerCycleIsReportedOnceWithItsMembersSorted() {
    List<Asset> assets = inventory(asset("A-3").from("A-1"), asset("A-1").from("A-2"), asset("A-2").from("A-3"));

    assertEquals(List.of(List.of("A-1", "A-2", "A-3")), new GeneratedAssetLineage(assets).cycles());
  }

  @Test
  void assetsDownstreamOfACycleHoldingAGeneratedAssetAreReached() {
    List<Asset> assets =
        inventory(asset("A-1").from("A-2"), asset("A-2").from("A-1"), asset("A-3").from("A-1"), asset("A-4").from("A-3"));
    GeneratedAssetLineage.Paths paths = new GeneratedAssetLineage(assets).pathsTo("A-2"::equals);

    assertEquals(Optional.of(List.of("A-4", "A-3", "A-1", "A-2")), paths.from("A-4"));
    assertEquals(Optional.of(List.of("A-1", "A-2")), paths.from("A-1"));
    assertEquals(Optional.of(List.of("A-2")), paths.from("A-2"));
  }

  @Test
  void pathThroughACycleFollowsRealLinks() {
    // derive from each other; only A-2 names the generated A-1.
    List<Asset> assets =
        inventory(asset("A-1"), asset("A-2").from("A-1", "A-3"), asset("A-3").from("A-2"), asset("A-4").from("A-3"));

    List<String> path = new GeneratedAssetLineage(assets).pathsTo("A-1"::equals).from("A-4").orElseThrow();

    assertEquals(List.of("A-4", "A-3", "A-2", "A-1"), path);
    assertRealLinks(assets, path);
  }

  @Test
  void generatedAssetInsideACycleIsItsOwnSource() {
    List<Asset> assets = inventory(asset("A-1").from("A-2"), asset("A-2").from("A-1"));
    GeneratedAssetLineage.Paths paths = new GeneratedAssetLineage(assets).pathsTo(Set.of("A-1", "A-2")::contains);

    assertEquals(Optional.of(List.of("A-1")), paths.from("A-1"));
    assertEquals(Optional.of(List.of("A-2")), paths.from("A-2"));
  }

  @Test
  void cycleWithNoGeneratedAssetReachesNothing() {
    List<Asset> assets = inventory(asset("A-1").from("A-2"), asset("A-2").from("A-1"), asset("A-3").from("A-1"));
    GeneratedAssetLineage.Paths paths = new GeneratedAssetLineage(assets).pathsTo("A-9"::equals);

    assertFalse(paths.reaches("A-1"));
    assertFalse(paths.reaches("A-3"));
  }

  @Test
  void chainTenThousandDeepDoesNotOverflowTheStack() {
    int depth = 10_000;
    List<Asset> assets = new ArrayList<>(depth);
    assets.add(asset("A-0").build());
    for (int i = 1; i < depth; i++) {
      assets.add(asset("A-" + i).from("A-" + (i - 1)).build());
    }
    // a cycle at the far end as well, so the component search also walks the whole depth
    assets.set(0, asset("A-0").from("A-" + (depth - 1)).build());
    GeneratedAssetLineage lineage = new GeneratedAssetLineage(assets);

    assertEquals(1, lineage.cycles().size());
    assertEquals(depth, lineage.cycles().get(0).size());

    List<Asset> chain = new ArrayList<>(assets);
    chain.set(0, asset("A-0").build());
    List<String> path = new GeneratedAssetLineage(chain).pathsTo("A-0"::equals).from("A-" + (depth - 1)).orElseThrow();
    assertEquals(depth, path.size());
    assertEquals("A-" + (depth - 1), path.get(0));
    assertEquals("A-0", path.get(depth - 1));
  }

  @Test
  void productionOfTwoHundredThousandAssetsInChainsFiftyDeepIsAnswered() {
    int chains = 4_000;
    int depth = 50;
    List<Asset> assets = new ArrayList<>(chains * depth);
    for (int c = 0; c < chains; c++) {
      assets.add(asset("C" + c + "-0").build());
      for (int d = 1; d < depth; d++) {
        assets.add(asset("C" + c + "-" + d).from("C" + c + "-" + (d - 1)).build());
      }
    }
    // the root of every third chain is generated
    GeneratedAssetLineage.Paths paths =
        new GeneratedAssetLineage(assets).pathsTo(id -> id.endsWith("-0") && Integer.parseInt(id.substring(1, id.indexOf('-'))) % 3 == 0);

    int reached = 0;
    for (int c = 0; c < chains; c++) {
      if (paths.reaches("C" + c + "-" + (depth - 1))) {
        reached++;
      }
    }
    assertEquals(1_334, reached);
    List<String> path = paths.from("C3999-49").orElseThrow();
    assertEquals(depth, path.size());
    assertEquals("C3999-0", path.get(depth - 1));
    assertEquals(Optional.empty(), paths.from("C3998-49"));
  }
}
