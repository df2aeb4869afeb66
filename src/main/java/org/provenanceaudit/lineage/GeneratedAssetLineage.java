package org.provenanceaudit.lineage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.provenanceaudit.model.Asset;

/**
 * The {@code derived_from} graph of one production, made walkable at any depth in linear time.
 * Strongly connected components are found once (iteratively, so a 10,000-deep chain cannot
 * overflow the stack); each cycle among them is reported once. Questions such as "does this asset
 * reach a generated asset, and by which path" are then answered for every asset in one pass over
 * the components, parents before children, holding one pointer per asset.
 */
public final class GeneratedAssetLineage {

  private final String[] ids;
  private final int[][] parents;
  /** Components in Tarjan's emission order: every component after all the components it derives from. */
  private final int[][] components;
  private final List<List<String>> cycles;
  private final Map<String, Integer> index;

  public GeneratedAssetLineage(Collection<Asset> assets) {
    int n = assets.size();
    ids = new String[n];
    index = new HashMap<>(n * 2);
    int i = 0;
    for (Asset asset : assets) {
      ids[i] = asset.assetId();
      index.put(asset.assetId(), i++);
    }
    parents = new int[n][];
    i = 0;
    for (Asset asset : assets) {
      parents[i++] =
          asset.derivedFrom().stream().map(index::get).filter(p -> p != null).mapToInt(Integer::intValue).distinct().toArray();
    }
    components = new Tarjan().run();
    cycles = new ArrayList<>();
    for (int[] component : components) {
      if (component.length > 1 || selfLoop(component[0])) {
        List<String> members = new ArrayList<>();
        for (int member : component) {
          members.add(ids[member]);
        }
        members.sort(null);
        cycles.add(List.copyOf(members));
      }
    }
    cycles.sort((a, b) -> a.get(0).compareTo(b.get(0)));
  }

  /** Each {@code derived_from} cycle once, as its asset ids sorted. */
  public List<List<String>> cycles() {
    return cycles;
  }

  /**
   * For every asset that is, or derives at any depth from, an asset matching {@code source}: a path
   * from it to such a source along real {@code derived_from} links (the asset itself first, the
   * source last). Outside cycles the path follows the first parent, in {@code derived_from} order,
   * that reaches a source: a true path, not always the shortest.
   */
  public Paths pathsTo(Predicate<String> source) {
    int[] next = new int[ids.length];
    Arrays.fill(next, -1);
    for (int[] component : components) {
      if (component.length == 1) {
        int member = component[0];
        if (source.test(ids[member])) {
          next[member] = member;
          continue;
        }
        for (int parent : parents[member]) {
          if (next[parent] >= 0) {
            next[member] = parent;
            break;
          }
        }
      } else {
        stepsWithinCycle(component, source, next);
      }
    }
    return new Paths(next);
  }

  /**
   * Inside a cycle, each member steps along its own {@code derived_from} links, breadth first from
   * the members that are sources themselves (or, when none is, from those whose parent outside the
   * cycle already reaches one): every step of a path is then a link a person can find in the
   * inventory, and a generated member is its own source.
   */
  private void stepsWithinCycle(int[] component, Predicate<String> source, int[] next) {
    int size = component.length;
    int[] queue = new int[size];
    int tail = 0;
    for (int member : component) {
      if (source.test(ids[member])) {
        next[member] = member;
        queue[tail++] = member;
      }
    }
    if (tail == 0) {
      for (int member : component) {
        for (int parent : parents[member]) {
          if (next[parent] >= 0 && Arrays.binarySearch(component, parent) < 0) {
            next[member] = parent;
            queue[tail++] = member;
            break;
          }
        }
      }
    }
    if (tail == 0) {
      return;
    }
    // The members that derive from each member, inside the cycle (component is sorted).
    int[] start = new int[size + 1];
    for (int member : component) {
      for (int parent : parents[member]) {
        int at = Arrays.binarySearch(component, parent);
        if (at >= 0) {
          start[at + 1]++;
        }
      }
    }
    for (int i = 0; i < size; i++) {
      start[i + 1] += start[i];
    }
    int[] children = new int[start[size]];
    int[] filled = Arrays.copyOf(start, size);
    for (int member : component) {
      for (int parent : parents[member]) {
        int at = Arrays.binarySearch(component, parent);
        if (at >= 0) {
          children[filled[at]++] = member;
        }
      }
    }
    for (int head = 0; head < tail; head++) {
      int reached = queue[head];
      int at = Arrays.binarySearch(component, reached);
      for (int c = start[at]; c < start[at + 1]; c++) {
        int child = children[c];
        if (next[child] < 0) {
          next[child] = reached;
          queue[tail++] = child;
        }
      }
    }
  }

  private boolean selfLoop(int node) {
    for (int parent : parents[node]) {
      if (parent == node) {
        return true;
      }
    }
    return false;
  }

  /** The answer to one {@link #pathsTo} question. */
  public final class Paths {
    private final int[] next;

    private Paths(int[] next) {
      this.next = next;
    }

    /** The path from {@code assetId} to a source, or empty when it reaches none. */
    public Optional<List<String>> from(String assetId) {
      Integer start = index.get(assetId);
      if (start == null || next[start] < 0) {
        return Optional.empty();
      }
      List<String> path = new ArrayList<>();
      int at = start;
      path.add(ids[at]);
      while (next[at] != at) {
        at = next[at];
        path.add(ids[at]);
      }
      return Optional.of(path);
    }

    public boolean reaches(String assetId) {
      Integer at = index.get(assetId);
      return at != null && next[at] >= 0;
    }
  }

  /** Tarjan's strongly connected components without recursion. */
  private final class Tarjan {
    private final int n = ids.length;
    private final int[] order = new int[n];
    private final int[] low = new int[n];
    private final boolean[] onStack = new boolean[n];
    private final int[] stack = new int[n];
    private int stackSize;
    private int counter = 1;
    private final List<int[]> found = new ArrayList<>();

    int[][] run() {
      int[] callNode = new int[n];
      int[] callEdge = new int[n];
      for (int root = 0; root < n; root++) {
        if (order[root] != 0) {
          continue;
        }
        int depth = 0;
        callNode[0] = root;
        callEdge[0] = 0;
        visit(root);
        while (depth >= 0) {
          int node = callNode[depth];
          if (callEdge[depth] < parents[node].length) {
            int parent = parents[node][callEdge[depth]++];
            if (order[parent] == 0) {
              visit(parent);
              depth++;
              callNode[depth] = parent;
              callEdge[depth] = 0;
            } else if (onStack[parent]) {
              low[node] = Math.min(low[node], order[parent]);
            }
            continue;
          }
          if (low[node] == order[node]) {
            popComponent(node);
          }
          depth--;
          if (depth >= 0) {
            int caller = callNode[depth];
            low[caller] = Math.min(low[caller], low[node]);
          }
        }
      }
      return found.toArray(new int[0][]);
    }

    private void visit(int node) {
      order[node] = counter;
      low[node] = counter++;
      stack[stackSize++] = node;
      onStack[node] = true;
    }

    private void popComponent(int root) {
      int start = stackSize;
      do {
        start--;
      } while (stack[start] != root);
      int[] component = Arrays.copyOfRange(stack, start, stackSize);
      for (int member : component) {
        onStack[member] = false;
      }
      stackSize = start;
      Arrays.sort(component);
      found.add(component);
    }
  }
}
