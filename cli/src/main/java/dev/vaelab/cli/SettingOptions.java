package dev.vaelab.cli;

import dev.vaelab.lab.settings.Choice;
import dev.vaelab.lab.settings.Records;
import dev.vaelab.lab.settings.SettingDescriptor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line options of a settings record, derived from the {@link dev.vaelab.lab.settings.Setting}
 * declarations of its components: names, help, parameter label, the default (the given record's
 * value, shown for {@code ${DEFAULT-VALUE}}), list separators, {@code --no-} forms. After parsing,
 * {@link #toRecord()} builds the record through its constructor, so a bad value is refused with the
 * record's own message; a {@link Choice} is parsed from its id, naming the values there are.
 *
 * @param <R> the settings record
 */
public final class SettingOptions<R extends Record> {
  private final Class<R> type;
  private final R defaults;
  private final Map<String, OptionSpec> added = new LinkedHashMap<>();
  private final Map<String, SettingDescriptor> settings = new LinkedHashMap<>();

  private SettingOptions(Class<R> type, R defaults) {
    this.type = type;
    this.defaults = defaults;
  }

  /**
   * Adds to {@code command} the options of {@code type} — all of them, or only the components named
   * in {@code only} — with the values of {@code defaults} as their defaults.
   */
  public static <R extends Record> SettingOptions<R> addTo(CommandSpec command, Class<R> type, R defaults, String... only) {
    SettingOptions<R> s = new SettingOptions<>(type, defaults);
    Set<String> wanted = Set.of(only);
    for (SettingDescriptor d : SettingDescriptor.options(type)) {
      if (!wanted.isEmpty() && !wanted.contains(d.name())) {
        continue;
      }
      OptionSpec spec = optionOf(d, d.valueIn(defaults));
      command.addOption(spec);
      s.added.put(d.name(), spec);
      s.settings.put(d.name(), d);
    }
    if (!wanted.isEmpty() && s.added.size() != wanted.size()) {
      throw new IllegalArgumentException("not options of " + type.getSimpleName() + ": " + wanted.stream().filter(w -> !s.added.containsKey(w)).toList());
    }
    return s;
  }

  /** The option picocli parses for one setting. */
  static OptionSpec optionOf(SettingDescriptor d, Object dflt) {
    var decl = d.declaration();
    Class<?> t = d.type();
    OptionSpec.Builder b = OptionSpec.builder(decl.names()).description(decl.help());
    b.paramLabel(decl.label().isEmpty() ? "<" + d.name() + ">" : decl.label());
    if (t == boolean.class) {
      b.type(boolean.class).arity("0").negatable(decl.negatable());
    } else if (t == long[].class) {
      b.type(long[].class).auxiliaryTypes(long.class);
      if (!decl.split().isEmpty()) {
        b.splitRegex(java.util.regex.Pattern.quote(decl.split())).splitRegexSynopsisLabel(decl.split());
      }
    } else if (t.isEnum()) {
      b.type(String.class);
    } else {
      b.type(t);
    }
    if (t == boolean.class) {
      // a flag: its initial value stands when it is not given (a default value string would be read as given)
      b.initialValue(dflt).hasInitialValue(true);
      return b.build();
    }
    String text = defaultText(dflt, decl.split());
    if (text != null) {
      b.defaultValue(text);
    }
    return b.build();
  }

  private static String defaultText(Object v, String split) {
    if (v == null) {
      return null;
    }
    if (v instanceof long[] a) {
      return Arrays.stream(a).mapToObj(Long::toString).collect(Collectors.joining(split.isEmpty() ? "," : split));
    }
    if (Choice.isChoice(v.getClass())) {
      return Choice.idOf(v);
    }
    return String.valueOf(v);
  }

  /**
   * The record of the parsed options; components without an option added keep the defaults' values.
   * A value the record refuses is reported with the option the user typed in front of the record's
   * message ({@code --lr: learning_rate must be a finite number > 0, got -1.0}).
   */
  public R toRecord() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, OptionSpec> e : added.entrySet()) {
      values.put(e.getKey(), value(e.getKey()));
    }
    try {
      return Records.with(defaults, values);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(withOption(e.getMessage()), e);
    }
  }

  /** The message with the option of the setting it starts with (by config.json key) in front, when there is one. */
  private String withOption(String message) {
    if (message == null) {
      return null;
    }
    for (SettingDescriptor d : settings.values()) {
      if (message.startsWith(d.key() + " ") || message.startsWith(d.key() + ":") || message.startsWith(d.key() + " =")) {
        return d.option() + ": " + message;
      }
    }
    return message;
  }

  /** The parsed value of the component {@code name} (a Choice parsed from its id). */
  public Object value(String name) {
    OptionSpec spec = added.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no option was added for " + name + " of " + type.getSimpleName());
    }
    Object v = spec.getValue();
    SettingDescriptor d = settings.get(name);
    if (d.isChoice() && v != null) {
      try {
        return Choice.parseAny(d.type(), d.key(), (String) v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(d.option() + ": " + e.getMessage(), e);
      }
    }
    if (v == null && d.type().isPrimitive()) {
      return d.valueIn(defaults);
    }
    return v;
  }

  /** The options added, by component name. */
  public Map<String, OptionSpec> options() {
    return java.util.Collections.unmodifiableMap(added);
  }

  /**
   * The record of the options of {@code type} that {@code command} has (added by {@link #addTo},
   * perhaps by a model transformer when picocli built the command); components without an option on
   * the command keep the values of {@code defaults}.
   */
  public static <R extends Record> R read(CommandSpec command, Class<R> type, R defaults) {
    SettingOptions<R> s = new SettingOptions<>(type, defaults);
    for (SettingDescriptor d : SettingDescriptor.options(type)) {
      OptionSpec o = command.findOption(d.option());
      if (o != null) {
        s.added.put(d.name(), o);
        s.settings.put(d.name(), d);
      }
    }
    return s.toRecord();
  }

  /**
   * The parsed value of one setting's option on {@code command} (for a command that uses a setting
   * on its own, not the whole record), or the default's value when the command lacks the option.
   */
  public static <R extends Record> Object valueOf(CommandSpec command, Class<R> type, R defaults, String component) {
    SettingOptions<R> s = new SettingOptions<>(type, defaults);
    for (SettingDescriptor d : SettingDescriptor.options(type)) {
      OptionSpec o = command.findOption(d.option());
      if (d.name().equals(component)) {
        if (o == null) {
          return d.valueIn(defaults);
        }
        s.added.put(d.name(), o);
        s.settings.put(d.name(), d);
        return s.value(component);
      }
    }
    throw new IllegalArgumentException(component + " is not an option of " + type.getSimpleName());
  }


  /** Whether {@code option} (any of its names) is one of the options of the settings record {@code type}. */
  public static boolean declares(Class<? extends Record> type, String option) {
    for (SettingDescriptor d : SettingDescriptor.options(type)) {
      if (List.of(d.declaration().names()).contains(option) || (d.declaration().negatable() && option.equals("--no-" + d.option().substring(2)))) {
        return true;
      }
    }
    return false;
  }
}
