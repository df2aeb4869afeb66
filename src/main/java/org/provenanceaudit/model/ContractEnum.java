package org.provenanceaudit.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enumeration of the input contract: each constant is written in the exports as its lower-case
 * name, and matched case-insensitively, so that one spelling rule serves every enumerated field.
 */
public interface ContractEnum {

  String name();

  int ordinal();

  /** The value as the contract and the reports spell it. */
  default String wireName() {
    return Spellings.OF.get(((Enum<?>) this).getDeclaringClass()).wireNames[ordinal()];
  }

  /** The constant whose contract spelling equals {@code text}, ignoring case and surrounding spaces. */
  static <E extends Enum<E> & ContractEnum> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim();
    Spellings spellings = Spellings.OF.get(type);
    Object exact = spellings.byWireName.get(wanted);
    if (exact != null) {
      return Optional.of(type.cast(exact));
    }
    E[] constants = type.getEnumConstants();
    for (int i = 0; i < constants.length; i++) {
      if (spellings.wireNames[i].equalsIgnoreCase(wanted)) {
        return Optional.of(constants[i]);
      }
    }
    return Optional.empty();
  }

  /** The allowed spellings, for error messages: {@code final, temp, working}. */
  static <E extends Enum<E> & ContractEnum> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ContractEnum::wireName).collect(Collectors.joining(", "));
  }

  /**
   * Each enumeration's spellings, worked out once: parsing runs for every enumerated field of
   * millions of rows. The exact lower-case spelling is looked up; any other casing falls back to
   * {@link String#equalsIgnoreCase}, which is the rule.
   */
  final class Spellings {
    private static final ClassValue<Spellings> OF =
        new ClassValue<>() {
          @Override
          protected Spellings computeValue(Class<?> type) {
            return new Spellings(type.getEnumConstants());
          }
        };

    private final String[] wireNames;
    private final Map<String, Object> byWireName = new HashMap<>();

    private Spellings(Object[] constants) {
      wireNames = new String[constants.length];
      for (int i = 0; i < constants.length; i++) {
        wireNames[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
        byWireName.put(wireNames[i], constants[i]);
      }
    }
  }
}
