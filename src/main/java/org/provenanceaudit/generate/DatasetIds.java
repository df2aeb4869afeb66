package org.provenanceaudit.generate;

/**
 * The id sequences that run across productions (events, disclosures, consents, talent), handed
 * out in generation order so that ids are unique and the same seed gives the same ids.
 */
final class DatasetIds {
  private long events;
  private long disclosures;
  private long consents;
  private long talent;

  String nextEvent() {
    return "E-" + pad(++events, 8);
  }

  String nextDisclosure() {
    return "D-" + pad(++disclosures, 6);
  }

  String nextConsent() {
    return "C-" + pad(++consents, 6);
  }

  String nextTalent() {
    return "T-" + pad(++talent, 6);
  }

  static String productionId(int number) {
    return "P-" + pad(number, 4);
  }

  static String pad(long value, int width) {
    String digits = Long.toString(value);
    return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
  }
}
