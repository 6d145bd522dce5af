package dev.vaelab.lab.graph;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.stage.Recipe;
import dev.vaelab.lab.stage.RunHook;
import java.io.PrintStream;
import java.util.Map;

/** A {@link GraphFamily} with the options of one run, as the training stages see it. */
final class GraphRecipe<O extends Record> implements Recipe {
  private final GraphFamily<O> family;
  private final O options;

  GraphRecipe(GraphFamily<O> family, O options) {
    this.family = family;
    this.options = options;
  }

  @Override
  public String model() {
    return family.name();
  }

  @Override
  public boolean streams() {
    return family.streams();
  }

  @Override
  public DataSource.Splits data(RunSpec spec) {
    return family.data(spec);
  }

  @Override
  public long samplesPerExample() {
    return family.samplesPerExample(options);
  }

  @Override
  public String samplesOption() {
    return family.samplesOption(options);
  }

  @Override
  public ModelGraph graph(RunSpec spec, long seed) {
    return family.buildGraph(spec, seed);
  }

  @Override
  public RunHook hook(ModelGraph graph, RunSpec spec, Dataset train, RunFolder folder, PrintStream log, boolean resume) {
    return family.extras(options, graph, spec, train, folder, log, resume);
  }

  @Override
  public Map<String, Object> testNumbers(ModelGraph graph, EvaluationResult test, Dataset testData) {
    return family.testNumbers(options, graph, test, testData);
  }

  @Override
  public Map<String, Object> logLikelihood(ModelGraph graph, Dataset test, int k, int n, PrintStream log) {
    return family.logLikelihood(options, graph, test, k, n, log);
  }

  @Override
  public boolean boundsLikelihood() {
    return family.boundsLikelihood(options);
  }

  @Override
  public void writeImages(RunSpec spec, ModelGraph graph, Dataset test, RunFolder folder) {
    family.writeImages(options, spec.shape(), graph, test, folder);
  }
}
