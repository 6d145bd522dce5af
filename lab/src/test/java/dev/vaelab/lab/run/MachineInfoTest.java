package dev.vaelab.lab.run;

import dev.vaelab.lab.run.MachineInfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineInfoTest {
  @TempDir Path tmp;

  @Test
  void readsTheFirstProcessorAndItsVectorExtensionsInAFixedOrder() throws Exception {
    Path cpuinfo = tmp.resolve("cpuinfo");
    Files.writeString(cpuinfo, String.join("\n",
        "processor\t: 0", "cpu family\t: 25", "model\t\t: 17", "model name\t: AMD EPYC 9R14",
        "flags\t\t: fpu sse4_2 avx512f fma avx avx2 avx512bw avx512vl",
        "", "processor\t: 1", "cpu family\t: 99", "model name\t: other", ""));
    Map<String, String> f = MachineInfo.cpuinfo(cpuinfo);
    assertThat(f).containsEntry("cpu family", "25").containsEntry("model", "17").containsEntry("model name", "AMD EPYC 9R14");
    assertThat(MachineInfo.isa(f.get("flags"))).containsExactly("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl");
    assertThat(MachineInfo.isa("fpu sse4_2 avx avx2 fma")).doesNotContain("avx512f");
    assertThat(MachineInfo.cpuinfo(tmp.resolve("missing"))).isEmpty();
  }

  @Test
  void describesThisMachineWithTheSettingsThatChangeTheNumbers() {
    Map<String, Object> m = MachineInfo.describe();
    assertThat(m).containsKeys("cpus", "cpu_model_name", "cpu_family", "cpu_isa", "settings", "isa_capped");
    @SuppressWarnings("unchecked")
    Map<String, String> settings = (Map<String, String>) m.get("settings");
    assertThat(settings).containsKeys("ONEDNN_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY", "OPENBLAS_CORETYPE");
    assertThat(m.get("isa_capped")).isEqualTo(System.getenv("ONEDNN_MAX_CPU_ISA") != null);
  }
}
