package org.diffuse4j.models.train;

import java.util.List;
import org.diffuse4j.models.card.ModelCard;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A network F(x, τ, label) that {@link Trainer} optimises and {@link SavedModelExport} exports: its parameters
 * are a list of float32 tensors, and {@link #forward} builds F in a graph from any operands holding them
 * (variables while training, constants in the export). Inputs and outputs are flat, [batch, dimension] in
 * row-major order of {@link #dataShape()}, so the trainer's placeholders and losses do not depend on the architecture.
 */
public sealed interface TrainableNetwork permits MlpNetwork, UNet {
    /** d, values per example: the product of {@link #dataShape()}. */
    int dimension();

    /** Number of labels including a null class; 0 for an unconditional network. */
    int labels();

    /** The shape of one example without the batch axis, as the model card records it ([d] for points, [C, H, W] for images). */
    default List<Integer> dataShape() { return List.of(dimension()); }

    /** Shapes of the parameters, in the order {@link #forward} takes them. */
    List<long[]> parameterShapes();

    /** Number of trainable scalars. */
    long parameterCount();

    /** Initial weights drawn from {@code seed}. */
    NetworkWeights initialWeights(long seed);

    /** The network's model-card description. */
    ModelCard.Network describe();

    /**
     * Builds F in a graph.
     *
     * @param x      float32 [batch, d]
     * @param tau    float32 [batch]
     * @param label  int32 [batch], or null for an unconditional network
     * @param params the parameters in {@link #parameterShapes()} order (variables or constants)
     * @return float32 [batch, d]
     */
    Operand<TFloat32> forward(Ops tf, Operand<TFloat32> x, Operand<TFloat32> tau, Operand<TInt32> label,
                              List<? extends Operand<TFloat32>> params);
}
