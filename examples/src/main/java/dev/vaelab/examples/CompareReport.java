package dev.vaelab.examples;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of a comparison: {@code results.csv} (one row per run, numbers copied from each run's
 * summary.json), {@code report.md} and {@code report.html} (mean ± standard deviation over seeds,
 * images inline in the HTML), training curves per metric and a rate–distortion scatter.
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
    m.put("encoder SNR", "encoder_snr");
    m.put("decoder SNR", "decoder_snr");
    m.put("perplexity", "perplexity");
    m.put("codes used", "codes_used");
    m.put("test ln p (features)", "test_loglik");
    m.put("parameters", "parameters");
    m.put("s/epoch", "seconds_per_epoch");
    return m;
  }

  private CompareReport() {}

  static void write(Experiment e, List<CompareRun.Run> runs, Path out) {
    // results.csv
    StringBuilder csv = new StringBuilder("variant,seed,model");
    COLUMNS.values().forEach(k -> csv.append(',').append(k));
    csv.append('\n');
    for (CompareRun.Run r : runs) {
      csv.append(r.variant()).append(',').append(r.seed()).append(',').append(r.summary().get("model"));
      for (String k : COLUMNS.values()) {
        Object v = r.summary().get(k);
        csv.append(',').append(v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : "");
      }
      csv.append('\n');
    }
    AtomicFiles.writeString(out.resolve("results.csv"), csv.toString());
    // results.jsonl: every run's whole summary, one JSON line each
    StringBuilder jsonl = new StringBuilder();
    for (CompareRun.Run r : runs) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("variant", r.variant());
      line.put("seed", r.seed());
      line.putAll(r.summary());
      jsonl.append(Json.writeLine(line)).append('\n');
    }
    AtomicFiles.writeString(out.resolve("results.jsonl"), jsonl.toString());
    // the table shows the columns some variant has
    Map<String, String> shown = new LinkedHashMap<>();
    COLUMNS.forEach((label, key) -> {
      if (e.variants().stream().anyMatch(v -> !cell(runs, v.name(), key).equals("–"))) {
        shown.put(label, key);
      }
    });

    // curves (first seed of every variant) and the rate–distortion scatter
    List<String> charts = new ArrayList<>();
    for (String metric : List.of("test_elbo", "test_rate", "test_distortion")) {
      Chart c = new Chart(metric.replace('_', ' ') + " per epoch", "epoch", metric.replace("test_", "") + " (nats)");
      int added = 0;
      for (Experiment.Variant v : e.variants()) {
        Path metrics = out.resolve("runs").resolve(v.name() + "-s" + e.seeds().get(0)).resolve("metrics.csv");
        if (!Files.isRegularFile(metrics)) {
          continue;
        }
        double[][] xy = column(metrics, metric);
        if (xy[0].length > 0) {
          c.line(v.name(), xy[0], xy[1]);
          added++;
        }
      }
      if (added > 0) {
        String f = "curves-" + metric + ".png";
        c.write(out.resolve(f));
        charts.add(f);
      }
    }
    Chart rd = new Chart("rate–distortion, every run", "rate (nats)", "distortion (nats)");
    int rdPoints = 0;
    for (Experiment.Variant v : e.variants()) {
      List<double[]> pts = new ArrayList<>();
      for (CompareRun.Run r : runs) {
        if (r.variant().equals(v.name()) && r.summary().get("test_rate") instanceof Double rate && r.summary().get("test_distortion") instanceof Double dist) {
          pts.add(new double[] {rate, dist});
        }
      }
      if (!pts.isEmpty()) {
        rd.points(v.name(), pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray());
        rdPoints += pts.size();
      }
    }
    if (rdPoints > 0) {
      rd.write(out.resolve("rate-distortion.png"));
      charts.add("rate-distortion.png");
    }

    // report.md and report.html
    StringBuilder md = new StringBuilder("# vaelab comparison\n\n");
    md.append(String.format(Locale.ROOT, "Data `%s`, %d epoch%s, seeds %s, test NLL with K = %d on %d images. Mean ± standard deviation over seeds; every number is copied from the runs' `summary.json` (`results.csv` has one row per run).%n%n",
        e.settings().data(), e.settings().epochs(), e.settings().epochs() == 1 ? "" : "s", e.seeds(), e.settings().nllK(), e.settings().nllExamples()));
    md.append("| variant |");
    shown.keySet().forEach(k -> md.append(' ').append(k).append(" |"));
    md.append("\n|---|");
    shown.keySet().forEach(k -> md.append("---|"));
    md.append('\n');
    for (Experiment.Variant v : e.variants()) {
      md.append("| ").append(v.name()).append(" |");
      for (String k : shown.values()) {
        md.append(' ').append(cell(runs, v.name(), k)).append(" |");
      }
      md.append('\n');
    }
    md.append("\nA conditional VAE's NLL is −ln p(y|c), given the label, in its own column. ");
    md.append("The GMM variant is fitted to PCA features, so its log-likelihood is per feature vector, not comparable with the pixel-space ELBO of the other models. ");
    md.append("A VQ-VAE's test ELBO and rate use the uniform code prior it is trained with (rate = positions · ln K), the same quantities as its curves; ");
    md.append("its encoder is deterministic, so instead of an importance-sampled NLL it reports the upper bound −ln P_dec(y|z*) − ln P_pri(z*) under the code prior fitted after training ");
    md.append("(\"NLL upper bound\"; that prior's rate is \"rate, fitted code prior\").\n");
    md.append("\n## Settings the runs used\n\n");
    for (Experiment.Variant v : e.variants()) {
      for (CompareRun.Run r : runs) {
        if (r.variant().equals(v.name())) {
          md.append("- **").append(v.name()).append("**: `").append(Json.writeLine(r.spec().toMap())).append("` (seed ").append(r.seed()).append(" shown)\n");
          break;
        }
      }
    }
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>vaelab comparison</title>"
        + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>");
    html.append("<h1>vaelab comparison</h1><p>").append(escape(md.toString().split("\n")[2])).append("</p><table><tr><th>variant</th>");
    shown.keySet().forEach(k -> html.append("<th>").append(escape(k)).append("</th>"));
    html.append("</tr>");
    for (Experiment.Variant v : e.variants()) {
      html.append("<tr><td>").append(escape(v.name())).append("</td>");
      for (String k : shown.values()) {
        html.append("<td>").append(escape(cell(runs, v.name(), k))).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</table><h2>Settings the runs used</h2><ul>");
    for (Experiment.Variant v : e.variants()) {
      runs.stream().filter(r -> r.variant().equals(v.name())).findFirst().ifPresent(r -> html.append("<li><b>").append(escape(v.name()))
          .append("</b>: <code>").append(escape(Json.writeLine(r.spec().toMap()))).append("</code></li>"));
    }
    html.append("</ul>");
    md.append("\n## Curves\n\n");
    for (String f : charts) {
      md.append("![").append(f).append("](").append(f).append(")\n\n");
      html.append("<h2>").append(escape(f)).append("</h2>").append(img(out.resolve(f)));
    }
    md.append("## Samples and reconstructions (first seed)\n\n");
    for (Experiment.Variant v : e.variants()) {
      Path dir = out.resolve("runs").resolve(v.name() + "-s" + e.seeds().get(0));
      for (String f : List.of("samples.png", "reconstructions.png", "fit-1d.png")) {
        if (Files.isRegularFile(dir.resolve(f))) {
          String rel = "runs/" + v.name() + "-s" + e.seeds().get(0) + "/" + f;
          md.append("**").append(v.name()).append("** ").append(f).append("\n\n![").append(v.name()).append(' ').append(f).append("](").append(rel).append(")\n\n");
          html.append("<h3>").append(escape(v.name() + " " + f)).append("</h3>").append(img(dir.resolve(f)));
        }
      }
    }
    html.append("</body></html>\n");
    AtomicFiles.writeString(out.resolve("report.md"), md.toString());
    AtomicFiles.writeString(out.resolve("report.html"), html.toString());
  }

  /** mean ± sd (or the single value) of a summary key over a variant's runs; "–" when absent. */
  static String cell(List<CompareRun.Run> runs, String variant, String key) {
    List<Double> v = new ArrayList<>();
    for (CompareRun.Run r : runs) {
      if (r.variant().equals(variant) && r.summary().get(key) instanceof Double d && Double.isFinite(d)) {
        v.add(d);
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

  private static String fmt(double v) {
    return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
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

  private static String img(Path png) {
    try {
      return "<p><img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\"></p>";
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + png, ex);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
