package dev.vaelab.lab.graph;

import dev.vaelab.core.graph.ModelGraph;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * A restored model as a TensorFlow SavedModel (tag {@code serve}) with four signatures: {@code
 * encode} (y → posterior_mean), {@code decode} (z → mean), {@code sample} (n → samples) and {@code
 * score} (y → elbo = −(rate + distortion), bound — the objective's own: the ELBO, or L_k for IWAE —,
 * rate, distortion per example, at the model's first noise draw: the same numbers on every call); a
 * conditional model takes its context c in every signature. Loadable by {@code
 * SavedModelBundle.load(dir, "serve")} in any TensorFlow runtime.
 */
final class SavedModelExport {
  private SavedModelExport() {}

  /**
   * Writes the SavedModel into the new folder {@code out}; returns what was written, in one line.
   *
   * @param encodeOutputs adds a family's outputs to the encode signature
   */
  static String write(ModelGraph graph, BiConsumer<ModelGraph, Signature.Builder> encodeOutputs, Path out) {
    var encode = Signature.builder("encode").input("y", graph.input()).output("posterior_mean", graph.posteriorMean());
    var decode = Signature.builder("decode").input("z", graph.latentInput()).output("mean", graph.decodedMean());
    var sample = Signature.builder("sample").input("n", graph.sampleCountInput()).output("samples", graph.samples());
    encodeOutputs.accept(graph, encode);
    var score = Signature.builder("score").input("y", graph.input())
        .output("elbo", graph.tf().withName("score_elbo").math.neg(graph.tf().math.add(graph.loss().rate(), graph.loss().distortion())))
        .output("bound", graph.loss().bound()).output("rate", graph.loss().rate()).output("distortion", graph.loss().distortion());
    if (graph.isConditional()) { // a conditional model takes its context c (one row per example) in every signature
      var c = graph.conditioning().context();
      encode.input("c", c);
      decode.input("c", c);
      sample.input("c", c);
      score.input("c", c);
    }
    try {
      SavedModelBundle.exporter(out.toAbsolutePath().toString())
          .withSession(graph.session())
          .withSignatures(encode.build(), decode.build(), sample.build(), score.build())
          .export();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot export to " + out + ": " + e.getMessage(), e);
    }
    return "TensorFlow SavedModel (tag serve; signatures encode, decode, sample, score" + (graph.isConditional() ? ", each with the context c" : "")
        + ")";
  }
}
