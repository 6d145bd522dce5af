package dev.vaelab.lab.settings;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * One setting of a settings record, as declared by its {@link Setting}: what a command line, a help
 * page or a config file needs to know of it.
 *
 * @param component the record component
 * @param key its config.json key (snake_case)
 * @param declaration the annotation (on the component, or on the same-named accessor of an interface
 *     the record implements), or null when the setting is not a command-line option
 */
public record SettingDescriptor(RecordComponent component, String key, Setting declaration) {

  /** The settings of a record type, in component order. */
  public static List<SettingDescriptor> of(Class<? extends Record> type) {
    List<SettingDescriptor> out = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      out.add(new SettingDescriptor(c, RecordJson.snake(c.getName()), declarationOf(type, c)));
    }
    return out;
  }

  /** The command-line options among the settings of {@code type}. */
  public static List<SettingDescriptor> options(Class<? extends Record> type) {
    return of(type).stream().filter(SettingDescriptor::isOption).toList();
  }

  /** Whether the setting is a command-line option. */
  public boolean isOption() {
    return declaration != null;
  }

  /** The component's name ({@code warmupSteps}). */
  public String name() {
    return component.getName();
  }

  /** The component's type. */
  public Class<?> type() {
    return component.getType();
  }

  /** The option's main name ({@code --warmup-steps}). */
  public String option() {
    return declaration.names()[0];
  }

  /** Whether the setting is a choice among an enum's values. */
  public boolean isChoice() {
    return Choice.isChoice(type());
  }

  /** The value of this setting in {@code r}. */
  public Object valueIn(Record r) {
    return Records.value(r, component);
  }

  private static Setting declarationOf(Class<?> type, RecordComponent c) {
    Setting own = c.getAnnotation(Setting.class);
    if (own != null) {
      return own;
    }
    return inherited(type, c.getName());
  }

  private static Setting inherited(Class<?> type, String name) {
    for (Class<?> i : type.getInterfaces()) {
      try {
        Method m = i.getMethod(name);
        Setting s = m.getAnnotation(Setting.class);
        if (s != null) {
          return s;
        }
      } catch (NoSuchMethodException e) {
        // not declared by this interface
      }
      Setting deeper = inherited(i, name);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }
}
