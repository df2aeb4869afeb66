package org.provenanceaudit.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enumeration of the input contract: each constant is written in the exports as its lower-case
 * name, and matched case-insensitively, so that one spelling rule serves every enumerated field.
 */
public interface ContractEnum {

  String name();

  /** The value as the contract and the reports spell it. */
  default String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant whose contract spelling equals {@code text}, ignoring case and surrounding spaces. */
  static <E extends Enum<E> & ContractEnum> Optional<E> parse(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim();
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equalsIgnoreCase(wanted)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /** The allowed spellings, for error messages: {@code final, temp, working}. */
  static <E extends Enum<E> & ContractEnum> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(ContractEnum::wireName).collect(Collectors.joining(", "));
  }
}
