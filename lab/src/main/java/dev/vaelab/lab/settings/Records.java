package dev.vaelab.lab.settings;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Copies of settings records with some components changed — one generic "with" instead of a
 * hand-written {@code withX} per component. Every copy goes through the record's canonical
 * constructor, so its validation runs and a bad value is refused with the record's own message.
 */
public final class Records {
  private Records() {}

  /** {@code r} with component {@code name} set to {@code value}. */
  public static <R extends Record> R with(R r, String name, Object value) {
    return with(r, Map.of(name, value));
  }

  /** {@code r} with the components named in {@code changes} (by component name) set to their values. */
  @SuppressWarnings("unchecked")
  public static <R extends Record> R with(R r, Map<String, ?> changes) {
    Class<R> type = (Class<R>) r.getClass();
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    int used = 0;
    for (int i = 0; i < cs.length; i++) {
      if (changes.containsKey(cs[i].getName())) {
        args[i] = coerce(changes.get(cs[i].getName()), cs[i]);
        used++;
      } else {
        args[i] = value(r, cs[i]);
      }
    }
    if (used != changes.size()) {
      throw new IllegalArgumentException(type.getSimpleName() + " has no component among " + changes.keySet() + " that is not one of "
          + java.util.Arrays.stream(cs).map(RecordComponent::getName).toList());
    }
    return construct(type, args, type.getSimpleName());
  }

  /**
   * A value given for a component, as the component's type: a {@link Choice} from its id, a whole
   * number widened to long or double, an integer that fits narrowed to int; anything else as given
   * ({@link #construct} then refuses a wrong type).
   */
  private static Object coerce(Object v, RecordComponent c) {
    Class<?> t = c.getType();
    if (v instanceof String id && Choice.isChoice(t)) {
      return Choice.parseAny(t, RecordJson.snake(c.getName()), id);
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short) {
      long n = ((Number) v).longValue();
      if (t == long.class) {
        return n;
      }
      if (t == double.class) {
        return (double) n;
      }
      if (t == int.class && n == (int) n) {
        return (int) n;
      }
    }
    return v; // a value of the wrong type is refused by construct, naming the setting
  }

  /**
   * A new record from its components' values; the constructor's {@link IllegalArgumentException} is
   * passed on prefixed with {@code source} (a file, "variant 'vae'") when it is not empty.
   */
  public static <R extends Record> R construct(Class<R> type, Object[] args, String source) {
    RecordComponent[] cs = type.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    for (int i = 0; i < cs.length; i++) {
      Class<?> t = types[i];
      Object v = args[i];
      boolean fits = t.isPrimitive() ? v != null && boxed(t).isInstance(v) : v == null || t.isInstance(v);
      if (!fits) {
        boolean named = source != null && !source.isEmpty() && !source.equals(type.getSimpleName());
        throw new IllegalArgumentException((named ? source + ": " : "") + RecordJson.snake(cs[i].getName())
            + " must be a " + t.getSimpleName() + ", got " + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
      }
    }
    try {
      var ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        throw source == null || source.isEmpty() || source.equals(type.getSimpleName()) ? iae
            : new IllegalArgumentException(source + ": " + iae.getMessage(), iae);
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName() + " from " + source + ": " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static Class<?> boxed(Class<?> primitive) {
    return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
  }

  /** The value of one component of {@code r}. */
  public static Object value(Record r, RecordComponent c) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
