package dev.vaelab.lab.settings;

import java.util.Arrays;
import java.util.List;

/**
 * A setting whose values are a fixed set: an enum whose constants have the names the command line
 * and config.json use ({@link #id()}), so the choice is typed from the option to the model. An enum
 * of core or a model module that cannot implement this interface is a choice too when its constants
 * have a public {@code String id()} (gmm-em's {@code CovarianceType}, iwae's {@code GradientEstimator}):
 * the static helpers below treat both alike.
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
    return type.cast(parseAny(type, key, id));
  }


  /** Whether {@code type} is a choice: an enum implementing this interface, or an enum with a public {@code String id()}. */
  static boolean isChoice(Class<?> type) {
    if (!type.isEnum()) {
      return false;
    }
    if (Choice.class.isAssignableFrom(type)) {
      return true;
    }
    try {
      return type.getMethod("id").getReturnType() == String.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /** The id of a choice's constant. */
  static String idOf(Object constant) {
    if (constant instanceof Choice c) {
      return c.id();
    }
    try {
      return (String) constant.getClass().getMethod("id").invoke(constant);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(constant.getClass().getSimpleName() + " is not a choice (no public id())", e);
    }
  }

  /** As {@link #parse} for a choice type known only at run time (see {@link #isChoice}). */
  static Object parseAny(Class<?> type, String key, String id) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (Object e : type.getEnumConstants()) {
      String eid = idOf(e);
      if (eid.equals(id)) {
        return e;
      }
      ids.add(eid);
    }
    throw new IllegalArgumentException(key + " must be one of " + ids + ", got " + (id == null ? "null" : "'" + id + "'"));
  }
}
