package dev.vaelab.lab.families.vae;

import dev.vaelab.gaussian.RaeObjective;
import dev.vaelab.lab.settings.Choice;

/** The RAE's decoder regulariser ({@code --penalty}): its weights' squared norm (RAE-L2) or the gradient penalty (RAE-GP). */
public enum RaePenaltyKind implements Choice {
  L2("l2", RaeObjective.Penalty.L2),
  GRADIENT("gradient", RaeObjective.Penalty.GRADIENT);

  private final String id;
  private final RaeObjective.Penalty penalty;

  RaePenaltyKind(String id, RaeObjective.Penalty penalty) {
    this.id = id;
    this.penalty = penalty;
  }

  @Override
  public String id() {
    return id;
  }

  /** The objective's penalty. */
  public RaeObjective.Penalty penalty() {
    return penalty;
  }
}
