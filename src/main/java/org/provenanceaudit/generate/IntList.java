package org.provenanceaudit.generate;

import java.util.Arrays;

/** A growable list of ints, so that plans of a million assets stay in primitive arrays. */
final class IntList {
  private int[] values = new int[8];
  private int size;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int get(int index) {
    return values[index];
  }

  int size() {
    return size;
  }

  boolean contains(int value) {
    for (int i = 0; i < size; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
