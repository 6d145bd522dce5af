package dev.vaelab.lab.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one declaration of a setting: put on a component of a settings record (a family's options,
 * {@code DataSettings}, {@code TrainingSettings}) — or on the accessor of an interface such records
 * implement, to declare settings several families share once. From it and the record come the
 * command-line option (names, help, parameter label), the help text, the config.json and
 * experiment-file key (the component's name in snake_case), the default (the family's default
 * record) and the messages of bad values (the record's constructor validates; {@link Choice} enums
 * list their values).
 *
 * <p>A component without this annotation is still a setting of config.json (a recorded value such
 * as the data's shape), but not a command-line option.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface Setting {
  /** The option's names, the main one first ({@code "--nll-k", "--nll"}). */
  String[] names();

  /** One line of help; {@code ${DEFAULT-VALUE}} stands for the default. */
  String help();

  /** The parameter's label in the help ({@code "K"}); empty: the option's type. */
  String label() default "";

  /** A boolean option that also has a {@code --no-} form. */
  boolean negatable() default false;

  /** For an array: the separator of its values on the command line. */
  String split() default "";
}
