package dev.vaelab.lab.stage;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.train.TrainingListener;
import java.util.List;
import java.util.Map;

/**
 * A family's extra work around the standard training run: listeners during training (IWAE's
 * gradient SNR, β-TCVAE's decomposition, VQ-VAE's codebook usage), scalars for TensorBoard, and work
 * after training before the final test evaluation (a VQ-VAE's code prior) whose entries join the
 * summary. Every method does nothing by default.
 */
public interface RunHook {
  /** A hook that adds nothing. */
  RunHook NONE = new RunHook() {};

  /** Listeners added to the trainer's. */
  default List<TrainingListener> listeners() {
    return List.of();
  }

  /** Extra scalars of the epoch just ended (after the listeners ran), for TensorBoard: tag → value. */
  default Map<String, Double> epochScalars() {
    return Map.of();
  }

  /**
   * Runs after training, before the final test evaluation; returns summary entries.
   *
   * @param saveCheckpoint re-saves the newest checkpoint (with its metrics and configuration), for
   *     state changed after training
   */
  default Map<String, Object> after(ModelGraph graph, Dataset train, Dataset test, Runnable saveCheckpoint) {
    return Map.of();
  }
}
