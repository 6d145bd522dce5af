package dev.vaelab.examples;

import dev.vaelab.lab.run.Summary;
import dev.vaelab.examples.chart.Chart;

import dev.vaelab.lab.run.RunSpec;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a comparison: {@code results.csv} (one row per run, numbers copied from each run's
 * summary.json), {@code report.md} and {@code report.html} (mean ± standard deviation over seeds, a
 * note for every variant whose numbers are not comparable with the others', every figure with one
 * caption, images inline in the HTML, rendered from the template {@code report-template.html}),
 * training curves per metric and the rate–distortion plane (a curve through a β sweep).
 */
public final class CompareReport {
  /** Columns of results.csv / the table, and the summary.json key each comes from. */
  public static final Map<String, String> COLUMNS = columns();

  private static Map<String, String> columns() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("test ELBO", "test_elbo");
    m.put("test NLL", "test_nll");
    m.put("test −ln p(y|c)", "test_nll_conditional");
    m.put("NLL upper bound", "test_nll_upper_bound");
    m.put("test L_k", "test_iwae_k");
    m.put("rate", "test_rate");
    m.put("distortion", "test_distortion");
    m.put("rate, fitted code prior", "test_rate_fitted_prior");
    m.put("code rate, independent", "code_prior_rate_independent");
    m.put("code rate, PixelCNN", "code_prior_rate_pixelcnn");
    m.put("NLL bound, PixelCNN prior", "test_nll_bound_pixelcnn");
    m.put("relaxed − exact ELBO", "relaxation_gap");
    m.put("MI", "test_mi");
    m.put("TC", "test_tc");
    m.put("dim-wise KL", "test_dwkl");
    m.put("bits/dim", "test_bits_per_dim");
    m.put("active units", "active_units");
    m.put("active units z₁", "active_units_z1");
    m.put("active units z₂", "active_units_z2");
    m.put("active units z₃", "active_units_z3");
    m.put("probe accuracy", "probe_accuracy");
    m.put("5-NN accuracy", "knn_accuracy");
    m.put("k-means NMI", "cluster_nmi");
    m.put("k-means ARI", "cluster_ari");
    m.put("MIG", "mig");
    m.put("DCI disentanglement", "dci_disentanglement");
    m.put("DCI completeness", "dci_completeness");
    m.put("DCI informativeness", "dci_informativeness");
    m.put("SAP", "sap");
    m.put("FactorVAE score", "factorvae_score");
    m.put("β-VAE score", "betavae_score");
    String[][] sources = {{"prior", "prior"}, {"gmm", "post-hoc GMM"}, {"maf", "post-hoc MAF"},
        {"two_stage", "two-stage VAE"}, {"pixelcnn", "PixelCNN prior"}, {"reconstruction", "reconstructions"},
        {"train", "floor (train)"}};
    for (String[] src : sources) {
      m.put("FD " + src[1], "fd_" + src[0]);
    }
    for (String[] src : sources) {
      m.put("KID " + src[1], "kid_" + src[0]);
    }
    for (String[] src : sources) {
      m.put("precision " + src[1], "precision_" + src[0]);
      m.put("recall " + src[1], "recall_" + src[0]);
    }
    m.put("encoder SNR", "encoder_snr");
    m.put("decoder SNR", "decoder_snr");
    m.put("perplexity", "perplexity");
    m.put("codes used", "codes_used");
    m.put("test ln p (features)", "test_loglik");
    m.put("parameters", "parameters");
    m.put("s/epoch", "seconds_per_epoch");
    return m;
  }

  /** A figure of the report and its one caption. */
  record Figure(String file, String caption) {}

  private CompareReport() {}

  static void write(Experiment e, List<CompareRun.Run> runs, Path out) {
    AtomicFiles.writeString(out.resolve("results.csv"), resultsCsv(runs));
    StringBuilder jsonl = new StringBuilder(); // every run's whole summary, one JSON line each
    for (CompareRun.Run r : runs) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("variant", r.variant());
      line.put("seed", r.seed());
      line.putAll(r.summary().toMap());
      jsonl.append(Json.writeLine(line)).append('\n');
    }
    AtomicFiles.writeString(out.resolve("results.jsonl"), jsonl.toString());
    Map<String, String> shown = new LinkedHashMap<>(); // the table shows the columns some variant has
    COLUMNS.forEach((label, key) -> {
      if (e.variants().stream().anyMatch(v -> !cell(runs, v.name(), key).equals("–"))) {
        shown.put(label, key);
      }
    });
    List<Figure> figures = new ArrayList<>(curves(e, out));
    Figure sweep = betaCurve(e, runs, out);
    if (sweep != null) {
      figures.add(sweep);
    }
    Figure representation = betaRepresentation(e, runs, out);
    if (representation != null) {
      figures.add(representation);
    }
    Figure fdBeta = betaFrechet(e, runs, out);
    if (fdBeta != null) {
      figures.add(fdBeta);
    }
    Figure dis = betaDisentanglement(e, runs, out);
    if (dis != null) {
      figures.add(dis);
    }
    Figure nllFd = nllAgainstFd(e, runs, out);
    if (nllFd != null) {
      figures.add(nllFd);
    }
    Figure rd = rateDistortion(e, runs, out);
    if (rd != null) {
      figures.add(rd);
    }
    Map<String, List<String>> notes = notes(e, runs);
    AtomicFiles.writeString(out.resolve("report.md"), markdown(e, runs, shown, figures, notes, out));
    AtomicFiles.writeString(out.resolve("report.html"), html(e, runs, shown, figures, notes, out));
  }

  /** results.csv: one row per run; whole numbers written as integers. */
  static String resultsCsv(List<CompareRun.Run> runs) {
    StringBuilder csv = new StringBuilder("variant,seed,model");
    COLUMNS.values().forEach(k -> csv.append(',').append(k));
    csv.append('\n');
    for (CompareRun.Run r : runs) {
      csv.append(r.variant()).append(',').append(r.seed()).append(',').append(r.summary().text(Summary.MODEL).orElse(""));
      for (String k : COLUMNS.values()) {
        var v = r.summary().finite(k);
        csv.append(',').append(v.isPresent() ? plain(v.getAsDouble()) : "");
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** A number as results.csv writes it: an integer when it is one, else six decimals. */
  static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6f", v);
  }

  /** Test ELBO, rate and distortion per epoch: one line per variant (its first seed). */
  private static List<Figure> curves(Experiment e, Path out) {
    List<Figure> figures = new ArrayList<>();
    Map<String, String[]> metrics = new LinkedHashMap<>();
    metrics.put("test_elbo", new String[] {"test ELBO per epoch", "ELBO (nats)", "higher is better"});
    metrics.put("test_rate", new String[] {"test rate KL(q(z|y) ‖ p(z)) per epoch", "rate (nats)", "nats of information about y held in z"});
    metrics.put("test_distortion", new String[] {"test distortion −E ln p(y|z) per epoch", "distortion (nats)", "lower is better"});
    for (var m : metrics.entrySet()) {
      Chart c = new Chart(m.getValue()[0], "epoch", m.getValue()[1]);
      int added = 0;
      for (Experiment.Variant v : e.variants()) {
        Path metricsCsv = out.resolve("runs").resolve(v.name() + "-s" + e.seeds().get(0)).resolve("metrics.csv");
        if (!Files.isRegularFile(metricsCsv)) {
          continue;
        }
        double[][] xy = column(metricsCsv, m.getKey());
        if (xy[0].length > 0) {
          c.line(v.name(), xy[0], xy[1]);
          added++;
        }
      }
      if (added > 0) {
        String f = "curves-" + m.getKey() + ".png";
        c.write(out.resolve(f));
        figures.add(new Figure(f, capitalise(m.getValue()[0]) + ", first seed of every gradient-trained variant (" + m.getValue()[2] + ")."));
      }
    }
    return figures;
  }

  /**
   * Rate against distortion of every run; the runs of a β sweep (the same Gaussian-VAE settings but β,
   * two β values or more) joined into one curve in order of β, each β its own marker.
   */
  private static Figure rateDistortion(Experiment e, List<CompareRun.Run> runs, Path out) {
    Chart rd = new Chart("rate–distortion plane, every run", "rate (nats)", "distortion (nats)");
    List<CompareRun.Run> sweep = betaSweep(runs, e.seeds().get(0));
    int points = 0;
    int others = 0;
    if (sweep.size() >= 2) {
      double[] r = sweep.stream().mapToDouble(x -> x.summary().number(Summary.TEST_RATE).orElse(Double.NaN)).toArray();
      double[] d = sweep.stream().mapToDouble(x -> x.summary().number(Summary.TEST_DISTORTION).orElse(Double.NaN)).toArray();
      rd.line("β sweep (seed " + e.seeds().get(0) + ")", r, d, java.awt.Color.DARK_GRAY);
      for (int i = 0; i < sweep.size(); i++) {
        rd.points("β = " + beta(betaOf(sweep.get(i))), new double[] {r[i]}, new double[] {d[i]}, Chart.PALETTE[i % Chart.PALETTE.length]);
      }
      points += sweep.size();
    }
    for (Experiment.Variant v : e.variants()) {
      List<double[]> pts = new ArrayList<>();
      for (CompareRun.Run x : runs) {
        if (x.variant().equals(v.name()) && !sweep.contains(x) && x.summary().has(Summary.TEST_RATE) && x.summary().has(Summary.TEST_DISTORTION)
            && x.summary().number(Summary.TEST_RATE).isPresent() && x.summary().number(Summary.TEST_DISTORTION).isPresent()) {
          pts.add(new double[] {x.summary().number(Summary.TEST_RATE).getAsDouble(), x.summary().number(Summary.TEST_DISTORTION).getAsDouble()});
        }
      }
      if (!pts.isEmpty()) { // squares in colours after the sweep's circles
        rd.squares(v.name(), pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray(),
            Chart.PALETTE[(sweep.size() + others++) % Chart.PALETTE.length]);
        points += pts.size();
      }
    }
    if (points == 0) {
      return null;
    }
    rd.write(out.resolve("rate-distortion.png"));
    return new Figure("rate-distortion.png", sweep.size() >= 2
        ? "Rate against distortion on the test set: the β sweep as a curve (β = " + beta(betaOf(sweep.get(0))) + " to "
            + beta(betaOf(sweep.get(sweep.size() - 1))) + ", first seed; a larger β buys a lower rate with a higher distortion), every other run a point;"
            + " −ELBO = rate + distortion, so lines of slope −1 are lines of equal ELBO."
        : "Rate against distortion on the test set, one point per run; −ELBO = rate + distortion, so lines of slope −1 are lines of equal ELBO.");
  }

  /** Each disentanglement metric against β (first seed; null without a sweep that has them). */
  private static Figure betaDisentanglement(Experiment e, List<CompareRun.Run> runs, Path out) {
    List<CompareRun.Run> sweep = betaSweep(runs, e.seeds().get(0));
    String[][] series = {{"mig", "MIG"}, {"dci_disentanglement", "DCI disentanglement"}, {"dci_completeness", "DCI completeness"}, {"sap", "SAP"},
        {"factorvae_score", "FactorVAE score"}, {"betavae_score", "β-VAE score"}};
    if (sweep.size() < 2) {
      return null;
    }
    Chart c = new Chart("disentanglement across β (" + sweep.get(0).spec().family().name() + ")", "β", "score").logX();
    double[] b = sweep.stream().mapToDouble(CompareReport::betaOf).toArray();
    int drawn = 0;
    for (String[] s : series) {
      if (sweep.stream().allMatch(r -> r.summary().finite(s[0]).isPresent())) {
        c.line(s[1], b, sweep.stream().mapToDouble(r -> r.summary().finite(s[0]).getAsDouble()).toArray(), Chart.PALETTE[drawn++ % Chart.PALETTE.length]);
      }
    }
    if (drawn == 0) {
      return null;
    }
    c.write(out.resolve("disentanglement-beta.png"));
    return new Figure("disentanglement-beta.png", "The disentanglement metrics of the posterior means against β (first seed, log axis; data with known"
        + " factors, docs/disentanglement.md).");
  }

  /** Test NLL against the Fréchet distance of the prior's samples, one point per run (null when no run has both). */
  private static Figure nllAgainstFd(Experiment e, List<CompareRun.Run> runs, Path out) {
    Chart c = new Chart("test NLL against the Fréchet distance of samples from the prior", "Fréchet distance, prior samples (feature network)",
        "test NLL (nats)");
    int points = 0;
    int series = 0;
    for (Experiment.Variant v : e.variants()) {
      List<double[]> pts = new ArrayList<>();
      for (CompareRun.Run x : runs) {
        var fd = x.summary().finite("fd_prior");
        var nll = x.summary().finite("test_nll");
        if (x.variant().equals(v.name()) && fd.isPresent() && nll.isPresent()) {
          pts.add(new double[] {fd.getAsDouble(), nll.getAsDouble()});
        }
      }
      if (!pts.isEmpty()) {
        c.squares(v.name(), pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray(),
            Chart.PALETTE[series++ % Chart.PALETTE.length]);
        points += pts.size();
      }
    }
    if (points == 0) {
      return null;
    }
    c.write(out.resolve("nll-fd.png"));
    return new Figure("nll-fd.png", "Test NLL (importance-sampled) against the Fréchet distance of samples from each run's prior, in the feature"
        + " network's space, one point per run: whether likelihood and sample quality agree — they need not (Theis et al. 2016).");
  }

  /** The β sweep alone, on axes of its own range: the rate–distortion curve across β (null without a sweep). */
  private static Figure betaCurve(Experiment e, List<CompareRun.Run> runs, Path out) {
    List<CompareRun.Run> sweep = betaSweep(runs, e.seeds().get(0));
    if (sweep.size() < 2) {
      return null;
    }
    double[] r = sweep.stream().mapToDouble(x -> x.summary().number(Summary.TEST_RATE).orElse(Double.NaN)).toArray();
    double[] d = sweep.stream().mapToDouble(x -> x.summary().number(Summary.TEST_DISTORTION).orElse(Double.NaN)).toArray();
    Chart c = new Chart("rate–distortion curve across β (" + sweep.get(0).spec().family().name() + ")", "rate (nats)", "distortion (nats)");
    c.line("β sweep", r, d, java.awt.Color.DARK_GRAY);
    for (int i = 0; i < sweep.size(); i++) {
      c.points("β = " + beta(betaOf(sweep.get(i))), new double[] {r[i]}, new double[] {d[i]}, Chart.PALETTE[i % Chart.PALETTE.length]);
    }
    c.write(out.resolve("rate-distortion-beta.png"));
    return new Figure("rate-distortion-beta.png", "The rate–distortion curve of the β sweep on the test set (first seed): each β trades rate against"
        + " distortion along one curve, from β = " + beta(betaOf(sweep.get(0))) + " (most rate) to β = " + beta(betaOf(sweep.get(sweep.size() - 1)))
        + " (least); the ELBO −(rate + distortion) is best where the curve touches a line of slope −1.");
  }

  /**
   * The representation metrics along the β sweep (first seed): linear-probe and 5-NN accuracy and k-means NMI against β,
   * on a log axis — how the rate's weight changes what the latents keep of the classes. Null without a sweep or metrics.
   */
  private static Figure betaRepresentation(Experiment e, List<CompareRun.Run> runs, Path out) {
    List<CompareRun.Run> sweep = betaSweep(runs, e.seeds().get(0));
    if (sweep.size() < 2 || sweep.stream().anyMatch(r -> !r.summary().toMap().containsKey("probe_accuracy"))) {
      return null;
    }
    double[] b = sweep.stream().mapToDouble(CompareReport::betaOf).toArray();
    Chart c = new Chart("what the latents keep of the classes, across β (" + sweep.get(0).spec().family().name() + ")", "β", "score").logX();
    String[][] series = {{"probe_accuracy", "linear-probe accuracy"}, {"knn_accuracy", "5-NN accuracy"}, {"cluster_nmi", "k-means NMI"}};
    for (int s = 0; s < series.length; s++) {
      String key = series[s][0];
      double[] y = sweep.stream().mapToDouble(r -> ((Number) r.summary().toMap().get(key)).doubleValue()).toArray();
      c.line(series[s][1], b, y, Chart.PALETTE[s % Chart.PALETTE.length]);
    }
    c.write(out.resolve("representation-beta.png"));
    return new Figure("representation-beta.png", "Linear-probe and 5-NN accuracy and k-means NMI of the posterior means against β (first seed,"
        + " log axis): a larger β weighs the rate more and the latents keep less of the data; how much of the classes they keep is what"
        + " these measure (docs/metrics.md).");
  }

  /** The Fréchet distance of each sampler's samples and of the reconstructions against β (first seed; null without a sweep that has them). */
  private static Figure betaFrechet(Experiment e, List<CompareRun.Run> runs, Path out) {
    List<CompareRun.Run> sweep = betaSweep(runs, e.seeds().get(0));
    if (sweep.size() < 2 || sweep.stream().anyMatch(r -> r.summary().finite("fd_prior").isEmpty())) {
      return null;
    }
    double[] b = sweep.stream().mapToDouble(CompareReport::betaOf).toArray();
    Chart c = new Chart("sample quality across β (" + sweep.get(0).spec().family().name() + ")", "β", "Fréchet distance (feature network)").logX();
    String[][] series = {{"fd_prior", "samples, prior"}, {"fd_gmm", "samples, post-hoc GMM"}, {"fd_reconstruction", "reconstructions"},
        {"fd_train", "floor (train vs test)"}};
    int drawn = 0;
    for (String[] s : series) {
      if (sweep.stream().allMatch(r -> r.summary().finite(s[0]).isPresent())) {
        c.line(s[1], b, sweep.stream().mapToDouble(r -> r.summary().finite(s[0]).getAsDouble()).toArray(), Chart.PALETTE[drawn++ % Chart.PALETTE.length]);
      }
    }
    c.write(out.resolve("fd-beta.png"));
    return new Figure("fd-beta.png", "Fréchet distance to the test set, in the feature network's space, of samples from the prior and from the post-hoc"
        + " mixture, of reconstructions, and the train-versus-test floor, against β (first seed, log axis; docs/metrics.md).");
  }

  /** The first-seed runs of one family whose settings differ only in β, in order of β (empty if fewer than two): the largest such group. */
  static List<CompareRun.Run> betaSweep(List<CompareRun.Run> runs, long seed) {
    Map<String, List<CompareRun.Run>> groups = new LinkedHashMap<>();
    for (CompareRun.Run r : runs) {
      if (r.seed() == seed && hasBeta(r.spec()) && r.summary().number(Summary.TEST_RATE).isPresent()
          && r.summary().number(Summary.TEST_DISTORTION).isPresent()) {
        Map<String, Object> key = new LinkedHashMap<>(r.spec().toMap()); // the family's name is one of the keys
        key.remove("beta");
        groups.computeIfAbsent(Json.writeLine(key), k -> new ArrayList<>()).add(r);
      }
    }
    List<CompareRun.Run> best = List.of();
    for (List<CompareRun.Run> g : groups.values()) {
      // one run per β: a variant named beta-… over another variant with the same β (the default vae is beta-1)
      Map<Double, CompareRun.Run> byBeta = new LinkedHashMap<>();
      for (CompareRun.Run r : g) {
        CompareRun.Run had = byBeta.get(betaOf(r));
        if (had == null || (!had.variant().startsWith("beta-") && r.variant().startsWith("beta-"))) {
          byBeta.put(betaOf(r), r);
        }
      }
      if (byBeta.size() > best.size()) {
        best = new ArrayList<>(byBeta.values());
      }
    }
    if (best.size() < 2) {
      return List.of();
    }
    List<CompareRun.Run> sorted = new ArrayList<>(best);
    sorted.sort(Comparator.comparingDouble(r -> betaOf(r.spec())));
    return sorted;
  }

  /** β as written by hand: 0.25, 0.5, 1, 8. */
  static String beta(double b) {
    return java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString();
  }

  private static double betaOf(CompareRun.Run r) {
    return betaOf(r.spec());
  }

  private static double betaOf(RunSpec s) {
    return hasBeta(s) ? ((Number) s.toMap().get("beta")).doubleValue() : Double.NaN;
  }

  /** Whether the run's family has a rate weight β (a setting named beta of type double). */
  private static boolean hasBeta(RunSpec s) {
    return dev.vaelab.lab.settings.SettingDescriptor.of(s.family().optionsType()).stream()
        .anyMatch(d -> d.key().equals("beta") && d.type() == double.class);
  }

  /** Why a variant's numbers cannot be read against the others', per variant (none for most). */
  static Map<String, List<String>> notes(Experiment e, List<CompareRun.Run> runs) {
    Map<String, List<String>> notes = new LinkedHashMap<>();
    for (Experiment.Variant v : e.variants()) {
      List<String> n = v.spec().family().comparisonNotes(v.spec()); // each family says what its numbers are
      if (!n.isEmpty()) {
        notes.put(v.name(), n);
      }
    }
    return notes;
  }

  private static String intro(Experiment e, List<CompareRun.Run> runs) {
    String nll = e.settings().nllK() > 0
        ? String.format(Locale.ROOT, "test NLL by importance sampling with K = %d on %d test examples", e.settings().nllK(), e.settings().nllExamples())
        : "no test NLL estimated (K = 0)";
    return String.format(Locale.ROOT, "Data %s, %d epoch%s, seed%s %s, %s."
            + " Mean ± standard deviation over seeds; every number is copied from the runs' summary.json (results.csv has one row per run);"
            + " the representation metrics (probe, 5-NN, k-means) are computed on each run's latents (docs/metrics.md).",
        e.settings().data(), e.settings().epochs(), e.settings().epochs() == 1 ? "" : "s", e.seeds().size() == 1 ? "" : "s",
        e.seeds().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""), nll) + sampleSpaces(runs);
  }

  /** Which feature spaces the runs' sample metrics were computed in (they are comparable only in one). */
  private static String sampleSpaces(List<CompareRun.Run> runs) {
    java.util.Map<String, String> spaces = new java.util.TreeMap<>();
    for (CompareRun.Run r : runs) {
      r.summary().text("features").ifPresent(f -> spaces.put(f.length() > 12 ? f.substring(0, 12) : f,
          r.summary().finite("features_accuracy").isPresent() ? String.format(Locale.ROOT, " (test accuracy %.4f)", r.summary().finite("features_accuracy").getAsDouble()) : ""));
    }
    if (spaces.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder(" Sample metrics (FD, KID, precision, recall; the floor is training against test rows) in the feature space");
    b.append(spaces.size() > 1 ? "s " : " ");
    spaces.forEach((id, acc) -> b.append(id).append(acc).append(", "));
    b.setLength(b.length() - 2);
    b.append(spaces.size() > 1 ? " — numbers of different spaces are not comparable." : ".");
    return b.toString();
  }

  private static String markdown(Experiment e, List<CompareRun.Run> runs, Map<String, String> shown, List<Figure> figures,
      Map<String, List<String>> notes, Path out) {
    StringBuilder md = new StringBuilder("# vaelab comparison\n\n").append(intro(e, runs)).append("\n\n| variant |");
    shown.keySet().forEach(k -> md.append(' ').append(k).append(" |"));
    md.append("\n|---|");
    shown.keySet().forEach(k -> md.append("---|"));
    md.append('\n');
    List<String> noted = new ArrayList<>(notes.keySet());
    for (Experiment.Variant v : e.variants()) {
      md.append("| ").append(v.name()).append(noted.contains(v.name()) ? " [" + (noted.indexOf(v.name()) + 1) + "]" : "").append(" |");
      for (String k : shown.values()) {
        md.append(' ').append(cell(runs, v.name(), k)).append(" |");
      }
      md.append('\n');
    }
    if (!notes.isEmpty()) {
      md.append("\nNumbers not comparable with the others':\n\n");
      int i = 1;
      for (var n : notes.entrySet()) {
        md.append(i++).append(". **").append(n.getKey()).append("**: ").append(String.join(" ", n.getValue())).append('\n');
      }
    }
    md.append("\n## Figures\n\n");
    for (Figure f : figures) {
      md.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n*").append(f.caption()).append("*\n\n");
    }
    md.append("## Samples and reconstructions (first seed)\n\n");
    for (Figure f : runImages(e, out)) {
      md.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n*").append(f.caption()).append("*\n\n");
    }
    md.append("## Settings the runs used\n\n");
    for (Experiment.Variant v : e.variants()) {
      runs.stream().filter(r -> r.variant().equals(v.name())).findFirst().ifPresent(r ->
          md.append("- **").append(v.name()).append("**: `").append(Json.writeLine(r.spec().toMap())).append("` (seed ").append(r.seed()).append(" shown)\n"));
    }
    return md.toString();
  }

  private static String html(Experiment e, List<CompareRun.Run> runs, Map<String, String> shown, List<Figure> figures,
      Map<String, List<String>> notes, Path out) {
    List<String> noted = new ArrayList<>(notes.keySet());
    Map<String, String> quality = new LinkedHashMap<>(shown);
    Map<String, String> cost = new LinkedHashMap<>();
    for (String k : COST_COLUMNS) {
      if (quality.containsKey(k)) {
        cost.put(k, quality.remove(k));
      }
    }
    String table = htmlTable(e, runs, quality, noted) + (cost.isEmpty() ? "" : "\n<p>Size and time:</p>\n" + htmlTable(e, runs, cost, List.of()));
    StringBuilder notesHtml = new StringBuilder();
    if (!notes.isEmpty()) {
      notesHtml.append("<p>Numbers not comparable with the others':</p>\n<ol class=\"notes\">\n");
      notes.forEach((name, n) -> notesHtml.append("<li><b>").append(escape(name)).append("</b>: ").append(escape(String.join(" ", n))).append("</li>\n"));
      notesHtml.append("</ol>");
    }
    StringBuilder figs = new StringBuilder();
    for (Figure f : figures) {
      figs.append(figure(out.resolve(f.file()), f.caption()));
    }
    StringBuilder images = new StringBuilder();
    for (Figure f : runImages(e, out)) {
      images.append(figure(out.resolve(f.file()), f.caption()));
    }
    StringBuilder settings = new StringBuilder("<ul>\n");
    for (Experiment.Variant v : e.variants()) {
      runs.stream().filter(r -> r.variant().equals(v.name())).findFirst().ifPresent(r -> settings.append("<li><b>").append(escape(v.name()))
          .append("</b>: <code>").append(escape(Json.writeLine(r.spec().toMap()))).append("</code></li>\n"));
    }
    settings.append("</ul>");
    return template().replace("{{title}}", "vaelab comparison").replace("{{intro}}", escape(intro(e, runs))).replace("{{table}}", table)
        .replace("{{notes}}", notesHtml).replace("{{figures}}", figs).replace("{{images}}", images).replace("{{settings}}", settings);
  }

  /** Columns the HTML report shows in a second table (size and time, not quality). */
  static final List<String> COST_COLUMNS = List.of("parameters", "s/epoch");

  private static String htmlTable(Experiment e, List<CompareRun.Run> runs, Map<String, String> cols, List<String> noted) {
    StringBuilder table = new StringBuilder("<table>\n<tr><th>variant</th>");
    cols.keySet().forEach(k -> table.append("<th>").append(escape(k)).append("</th>"));
    table.append("</tr>\n");
    for (Experiment.Variant v : e.variants()) {
      table.append("<tr><td class=\"name\">").append(escape(v.name()));
      if (noted.contains(v.name())) {
        table.append(" <sup class=\"note\">").append(noted.indexOf(v.name()) + 1).append("</sup>");
      }
      table.append("</td>");
      for (String k : cols.values()) {
        String c = cell(runs, v.name(), k);
        table.append(c.equals("–") ? "<td class=\"na\">–</td>" : "<td class=\"num\">" + escape(c) + "</td>");
      }
      table.append("</tr>\n");
    }
    return table.append("</table>").toString();
  }

  /** samples.png, reconstructions.png, latents.png and fit-1d.png of each variant's first-seed run, with captions. */
  private static List<Figure> runImages(Experiment e, Path out) {
    Map<String, String> what = new LinkedHashMap<>();
    what.put("samples.png", "samples (decoder means of prior draws)");
    what.put("reconstructions.png", "test images (odd rows) above their reconstructions");
    what.put("latents.png", "posterior means of test examples by class, first two principal components");
    what.put("fit-1d.png", "the fitted mixture over the data histogram");
    List<Figure> figures = new ArrayList<>();
    for (Experiment.Variant v : e.variants()) {
      String run = "runs/" + v.name() + "-s" + e.seeds().get(0) + "/";
      for (var w : what.entrySet()) {
        if (Files.isRegularFile(out.resolve(run + w.getKey()))) {
          figures.add(new Figure(run + w.getKey(), v.name() + ": " + w.getValue() + "."));
        }
      }
    }
    return figures;
  }

  private static String figure(Path png, String caption) {
    try {
      return "<figure><img alt=\"" + escape(caption) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png))
          + "\"><figcaption>" + escape(caption) + "</figcaption></figure>\n";
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + png, ex);
    }
  }

  private static String template() {
    try (InputStream in = CompareReport.class.getResourceAsStream("report-template.html")) {
      if (in == null) {
        throw new IllegalStateException("report-template.html is missing from the vaelab jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read report-template.html", ex);
    }
  }

  /** mean ± sd (or the single value) of a summary key over a variant's runs; "–" when absent. */
  static String cell(List<CompareRun.Run> runs, String variant, String key) {
    List<Double> v = new ArrayList<>();
    for (CompareRun.Run r : runs) {
      if (r.variant().equals(variant) && r.summary().finite(key).isPresent()) {
        v.add(r.summary().finite(key).getAsDouble());
      }
    }
    if (v.isEmpty()) {
      return "–";
    }
    double m = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    if (v.size() == 1) {
      return fmt(m);
    }
    double s = Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1));
    return fmt(m) + " ± " + fmt(s);
  }

  /** Integers as integers, other numbers with two decimals (none from 1000 on). */
  static String fmt(double v) {
    return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static double[][] column(Path csv, String name) {
    try {
      List<String> lines = Files.readAllLines(csv);
      String[] head = lines.get(0).split(",");
      int col = java.util.Arrays.asList(head).indexOf(name);
      int ep = java.util.Arrays.asList(head).indexOf("epoch");
      if (col < 0 || ep < 0) {
        return new double[2][0];
      }
      List<double[]> pts = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        String[] c = l.split(",");
        double y = Double.parseDouble(c[col]);
        if (Double.isFinite(y)) {
          pts.add(new double[] {Double.parseDouble(c[ep]), y});
        }
      }
      return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + csv, ex);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
