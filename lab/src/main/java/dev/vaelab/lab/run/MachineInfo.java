package dev.vaelab.lab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a benchmark ran, for every bench JSON line: the CPU (model name, family, model number), the
 * vector extensions TensorFlow's kernels can use (AVX2, AVX-512 and its subsets, AMX), the cores the
 * JVM sees, and the settings that change the numbers — thread pools and ISA caps
 * ({@code ONEDNN_MAX_CPU_ISA} for TensorFlow's oneDNN, {@code ATEN_CPU_CAPABILITY} for a PyTorch peer).
 * Ratios are comparable only between runs with the same {@code cpu_isa} (or the same cap).
 */
public final class MachineInfo {
  /** The flags of /proc/cpuinfo reported, in this order. */
  static final List<String> ISA_FLAGS =
      List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile");
  /** Environment variables that change kernel choice or thread counts. */
  static final List<String> SETTINGS =
      List.of("ONEDNN_MAX_CPU_ISA", "TF_ENABLE_ONEDNN_OPTS", "TF_OVERRIDE_GLOBAL_THREADPOOL", "OMP_NUM_THREADS", "ATEN_CPU_CAPABILITY", "OPENBLAS_CORETYPE");

  private MachineInfo() {}

  /** The description of this machine as a JSON-ready map. */
  /**
   * The benchmarks' "framework" field: vaelab and the native TensorFlow it runs on (TensorFlow Java 1.0.0 carries
   * TensorFlow 2.16.2, 1.1.0 carries 2.18.0), e.g. {@code vaelab (TensorFlow 2.18.0)}.
   *
   * @param detail appended inside the parentheses after a comma (e.g. "float64"), or empty
   */
  public static String framework(String detail) {
    return "vaelab (TensorFlow " + org.tensorflow.TensorFlow.version() + (detail.isEmpty() ? "" : ", " + detail) + ")";
  }

  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpus", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    Map<String, String> cpu = cpuinfo(Path.of("/proc/cpuinfo"));
    m.put("cpu_model_name", cpu.getOrDefault("model name", "unknown"));
    m.put("cpu_family", cpu.getOrDefault("cpu family", "unknown"));
    m.put("cpu_model", cpu.getOrDefault("model", "unknown"));
    m.put("cpu_isa", isa(cpu.getOrDefault("flags", "")));
    Map<String, String> env = new LinkedHashMap<>();
    for (String k : SETTINGS) {
      String v = System.getenv(k);
      env.put(k, v == null ? "unset" : v);
    }
    m.put("settings", env);
    m.put("isa_capped", System.getenv("ONEDNN_MAX_CPU_ISA") != null);
    return m;
  }

  /** The reported vector extensions present in a /proc/cpuinfo flags line. */
  public static List<String> isa(String flags) {
    List<String> have = List.of(flags.trim().split("\\s+"));
    List<String> out = new ArrayList<>();
    for (String f : ISA_FLAGS) {
      if (have.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The fields of the first processor block of a /proc/cpuinfo file (empty when unreadable). */
  public static Map<String, String> cpuinfo(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          if (!out.isEmpty()) {
            break;
          }
          continue;
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      out.clear();
    }
    return out;
  }
}
