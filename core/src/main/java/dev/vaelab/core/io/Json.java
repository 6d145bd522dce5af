package dev.vaelab.core.io;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer for metrics and summaries (maps, lists, numbers, strings, booleans, null).
 * Non-finite numbers are written as {@code null}, as JSON has no NaN.
 */
public final class Json {
  private Json() {}

  /** JSON text of a value; maps keep their iteration order. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, 0, true);
    return sb.toString();
  }

  /** Single-line JSON text. */
  public static String writeLine(Object value) {
    StringBuilder sb = new StringBuilder();
    append(sb, value, 0, false);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v, int indent, boolean pretty) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      sb.append(Double.isFinite(d) ? number(d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof double[] a) {
      sb.append('[');
      for (int i = 0; i < a.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(Double.isFinite(a[i]) ? number(a[i]) : "null");
      }
      sb.append(']');
    } else if (v instanceof int[] a) {
      sb.append(java.util.Arrays.toString(a));
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        if (pretty) {
          sb.append('\n').append("  ".repeat(indent + 1));
        }
        quote(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        append(sb, e.getValue(), indent + 1, pretty);
        if (it.hasNext()) {
          sb.append(pretty ? "," : ", ");
        }
      }
      if (pretty && !m.isEmpty()) {
        sb.append('\n').append("  ".repeat(indent));
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        append(sb, l.get(i), indent + 1, pretty);
      }
      sb.append(']');
    } else {
      quote(sb, v.toString());
    }
  }

  private static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
