package dev.vaelab.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/architecture.md, checked on the compiled classes of every module on this
 * class path (core, the model modules, lab, cli and examples; the Spark module checks itself):
 *
 * <pre>
 *   core  <-  vae-gaussian, iwae, vq-vae, gmm-em  <-  lab  <-  cli  <-  examples (the vaelab command)
 * </pre>
 */
@AnalyzeClasses(packages = "dev.vaelab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** The lab is a library: no command line, no charts, nothing above it. */
  @ArchTest
  static final ArchRule labUsesNoCommandLineOrCharts = noClasses().that().resideInAPackage("dev.vaelab.lab..")
      .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.knowm.xchart..", "dev.vaelab.cli..", "dev.vaelab.examples..")
      .because("vaelab-lab is the runtime a library user imports without the command line");

  /** core and the model modules know nothing of the lab, its binding or the command line. */
  @ArchTest
  static final ArchRule metricsStandAlone = noClasses().that().resideInAPackage("dev.vaelab.metrics..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.core..", "dev.vaelab.lab..", "dev.vaelab.gaussian..", "dev.vaelab.iwae..",
          "dev.vaelab.vq..", "dev.vaelab.gmm..", "dev.vaelab.cli..", "dev.vaelab.examples..", "org.tensorflow..")
      .because("the metrics are formulas on vectors that any module, or a user alone, can import");

  @ArchTest
  static final ArchRule modelsDoNotUseTheLab = noClasses().that()
      .resideInAnyPackage("dev.vaelab.core..", "dev.vaelab.gaussian..", "dev.vaelab.iwae..", "dev.vaelab.vq..", "dev.vaelab.gmm..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.lab..", "dev.vaelab.cli..", "dev.vaelab.examples..", "picocli..")
      .because("the library layer is below the lab");

  /** The generic run (everything of the lab but the families) imports no model module: families and the sampler registry bring them. */
  @ArchTest
  static final ArchRule genericRunImportsNoModelModule = noClasses().that().resideInAPackage("dev.vaelab.lab..")
      .and().resideOutsideOfPackage("dev.vaelab.lab.families..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.gmm..", "dev.vaelab.vq..", "dev.vaelab.gaussian..", "dev.vaelab.iwae..");

  /** The command-line binding uses no charts and nothing of the command module. */
  @ArchTest
  static final ArchRule cliIsBelowTheCommand = noClasses().that().resideInAPackage("dev.vaelab.cli..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.examples..", "org.knowm.xchart..");

  /** Nothing but the command's own module uses it. */
  @ArchTest
  static final ArchRule nothingUsesTheCommandModule = noClasses().that().resideOutsideOfPackage("dev.vaelab.examples..")
      .should().dependOnClassesThat().resideInAPackage("dev.vaelab.examples..");

  /** The model modules do not use each other, but for iwae on vae-gaussian (importing gmm-em alone pulls no other model module). */
  @ArchTest
  static final ArchRule mixtureStandsAlone = noClasses().that().resideInAPackage("dev.vaelab.gmm..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.gaussian..", "dev.vaelab.iwae..", "dev.vaelab.vq..");

  @ArchTest
  static final ArchRule vqStandsAlone = noClasses().that().resideInAPackage("dev.vaelab.vq..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.gaussian..", "dev.vaelab.iwae..", "dev.vaelab.gmm..");

  @ArchTest
  static final ArchRule gaussianStandsAlone = noClasses().that().resideInAPackage("dev.vaelab.gaussian..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.vaelab.iwae..", "dev.vaelab.vq..", "dev.vaelab.gmm..");

  /** The lab's and the binding's packages form no cycle. */
  @ArchTest
  static final ArchRule labPackagesHaveNoCycles = slices().matching("dev.vaelab.(lab|cli).(**)").should().beFreeOfCycles();

  /** Nor do the packages of every module, taken together. */
  @ArchTest
  static final ArchRule noPackageCycles = slices().matching("dev.vaelab.(**)").should().beFreeOfCycles();
}
