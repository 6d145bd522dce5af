package dev.vaelab.lab.settings;

import java.util.Arrays;
import java.util.List;

/**
 * A setting whose values are a fixed set: an enum whose constants have the names the command line
 * and config.json use ({@link #id()}), so the choice is typed from the option to the model.
 */
public interface Choice {
  /** The value as the command line and config.json write it. */
  String id();

  /** The ids of an enum's constants, in declaration order. */
  static <E extends Enum<E> & Choice> List<String> ids(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Choice::id).toList();
  }

  /**
   * The constant with this id, or an exception naming the setting, the bad value and the values
   * there are: {@code "decoder must be one of [bernoulli, gaussian, gaussian-learned], got 'x'"}.
   */
  static <E extends Enum<E> & Choice> E parse(Class<E> type, String key, String id) {
    for (E e : type.getEnumConstants()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException(key + " must be one of " + ids(type) + ", got " + (id == null ? "null" : "'" + id + "'"));
  }

  /** As {@link #parse} for an enum type known only at run time. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object parseAny(Class<?> type, String key, String id) {
    return parse((Class) type, key, id);
  }
}
