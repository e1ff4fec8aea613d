package dev.casevault.core;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enumeration whose values have a fixed lower-case name in the ingest format and the API. */
public interface WireEnum {
  String wireName();

  static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String wireName) {
    for (E value : type.getEnumConstants()) {
      if (value.wireName().equals(wireName)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** The allowed names joined with {@code |}, for error messages. */
  static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(WireEnum::wireName)
        .collect(Collectors.joining("|"));
  }
}
