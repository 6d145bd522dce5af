package dev.vaelab.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The Spark module is built on the lab and its command-line binding, never on the vaelab command's module. */
@AnalyzeClasses(packages = "dev.vaelab.spark", importOptions = ImportOption.DoNotIncludeTests.class)
class SparkArchitectureTest {
  @ArchTest
  static final ArchRule sparkDoesNotUseTheCommandModule = noClasses().that().resideInAPackage("dev.vaelab.spark..")
      .should().dependOnClassesThat().resideInAPackage("dev.vaelab.examples..")
      .because("vaelab-spark depends on vaelab-lab and vaelab-cli; only the launcher's module uses examples");
}
