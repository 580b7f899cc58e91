/**
 * Training small diffusion and flow networks with TensorFlow's graph API (Graph, Ops, gradients,
 * ApplyAdam) and exporting them as a SavedModel plus model card.
 *
 * <p>Notation as in {@code org.diffuse4j.api}: x_t = α x₀ + σ ε, ε ~ N(0, I), SNR = α²/σ², s = σ/α.
 * Everything random — data, noise, times, label dropout, initial weights — is drawn in Java from one
 * seeded {@link java.util.SplittableRandom} and fed through placeholders; the graph itself is
 * deterministic, and every Adam update waits (control dependencies) on all gradients, so a seed fixes
 * the trained weights.
 *
 * <p>Objectives: the network output F (or, with EDM preconditioning, c_skip·y + c_out·F) regresses one of
 * ε, x₀, v = α ε − σ x₀, the score −ε/σ (denoising score matching) or the probability-flow velocity
 * u = α′ x₀ + σ′ ε (flow matching: u = ε − x₀ on rectified flow). Each objective's squared error is a
 * multiple c(t) of the x₀ error at the same x_t: c = SNR (ε), 1 (x₀), (α² + σ²)²/σ² (v), α²/σ⁴ (score),
 * (α′ − σ′ α/σ)² (velocity). A {@link org.diffuse4j.models.train.LossWeighting} fixes the effective
 * x₀-space weight w(t) and multiplies the objective's loss by w/c (Hang et al. 2023, arXiv:2303.09556,
 * §3.3), except {@code uniform}, which is the objective's plain mean squared error.
 *
 * <p>Networks ({@link org.diffuse4j.models.train.TrainableNetwork}): an {@link org.diffuse4j.models.train.MlpNetwork}
 * for points and a convolutional {@link org.diffuse4j.models.train.UNet} for images of shape [C, H, W]; both read
 * and write flat rows, so the trainer, the objectives and the export are shared. Image data: the generated
 * {@link org.diffuse4j.models.train.DigitsData} or any rows read as images by {@link org.diffuse4j.models.train.ImageData}.
 */
package org.diffuse4j.models.train;
