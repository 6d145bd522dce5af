package dev.vaelab.lab.stage;

import dev.vaelab.lab.image.RunImages;

/**
 * The run's image grids (the family's), the latent scatter of labelled data, and the grids again
 * in TensorBoard at the last epoch.
 */
public final class WriteImages implements Stage {
  @Override
  public void run(TrainingRun r) {
    r.recipe.writeImages(r.spec, r.graph, r.data.test(), r.folder);
    if (r.data.test().hasLabels() && r.data.test().size() > 2) {
      try {
        RunImages.latents(r.graph, r.data.test(), r.data::className, r.folder.file("latents.png"));
      } catch (IllegalArgumentException e) { // no finite point to draw: said, not drawn
        r.log.println("warning: latents.png not drawn: " + e.getMessage());
      }
    }
    RunImages.imagesToTensorBoard(r.tensorBoard, r.trainer.epochsDone(), r.folder);
  }
}
