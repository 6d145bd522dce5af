package dev.vaelab.metrics;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Linear-probe accuracy of a representation: multinomial logistic regression p(c | z) = softmax(W z + b) trained on the
 * training split's vectors and labels (Tribuo's {@code LinearSGDTrainer} with the log-loss, AdaGrad, seeded), scored
 * as the share of test vectors whose most probable class is their label. Features are standardised by the training
 * split first.
 *
 * @param accuracy the test accuracy
 * @param epochs passes of the training split
 * @param classes the number of classes seen in training
 */
public record LinearProbe(double accuracy, int epochs, int classes) {
  /** Passes of the training split. */
  public static final int DEFAULT_EPOCHS = 10;
  /** AdaGrad's initial learning rate. */
  public static final double LEARNING_RATE = 0.5;

  public static LinearProbe of(double[][] train, int[] trainLabels, double[][] test, int[] testLabels, int epochs, long seed) {
    Vectors.requireMatrix(train, "linear probe, training vectors", 2);
    Vectors.requireMatrix(test, "linear probe, test vectors", 1);
    Vectors.requireSameDimension(train, test, "linear probe");
    Vectors.requireLabels(trainLabels, train.length, "linear probe, training labels");
    Vectors.requireLabels(testLabels, test.length, "linear probe, test labels");
    if (epochs < 1) {
      throw new IllegalArgumentException("linear probe: epochs must be >= 1, got " + epochs);
    }
    Standardisation st = Standardisation.fit(train);
    LabelFactory f = new LabelFactory();
    MutableDataset<Label> tr = TribuoData.of(st.apply(train), i -> new Label(Integer.toString(trainLabels[i])), f, "probe train");
    MutableDataset<Label> te = TribuoData.of(st.apply(test), i -> new Label(Integer.toString(testLabels[i])), f, "probe test");
    LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(LEARNING_RATE, 0.1), epochs, 1000, 1, seed);
    Model<Label> model = trainer.train(tr);
    double accuracy = new LabelEvaluator().evaluate(model, te).accuracy();
    return new LinearProbe(accuracy, epochs, tr.getOutputInfo().size());
  }
}
