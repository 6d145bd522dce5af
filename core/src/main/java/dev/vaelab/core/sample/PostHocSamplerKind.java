package dev.vaelab.core.sample;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import java.nio.file.Path;

/**
 * A kind of sampler fitted after training to the posterior means E[z|y] of the training set (Ghosh
 * et al. 2019), found by name in {@link PostHocSamplers}: a module contributes one with a line in
 * {@code META-INF/services/dev.vaelab.core.sample.PostHocSamplerKind} (vaelab-gmm-em contributes
 * {@code gmm}, a full-covariance Gaussian mixture fitted by EM), so code that offers the choice
 * depends on no module that implements it.
 */
public interface PostHocSamplerKind {
  /** The name users choose it by ({@code --sampler gmm}). */
  String name();

  /** What it fits, in a few words ("Gaussian mixture"), for messages. */
  String description();

  /** Fits K components to the posterior means of {@code train} under the restored model. */
  FittedSampler fit(ModelGraph graph, Dataset train, int components, long seed);

  /** A sampler saved by {@link FittedSampler#save}. */
  FittedSampler load(Path file);
}
