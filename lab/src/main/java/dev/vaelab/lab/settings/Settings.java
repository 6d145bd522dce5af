package dev.vaelab.lab.settings;

/**
 * A settings record: its copies with a component changed come from one generic {@link #with}
 * (through the canonical constructor, so the record's validation runs), not from a hand-written
 * {@code withX} per component.
 *
 * @param <R> the record itself
 */
public interface Settings<R extends Record & Settings<R>> {
  /** This record with component {@code name} (its Java name, {@code nllK}) set to {@code value}; see {@link Records#with}. */
  @SuppressWarnings("unchecked")
  default R with(String name, Object value) {
    return Records.with((R) this, name, value);
  }
}
