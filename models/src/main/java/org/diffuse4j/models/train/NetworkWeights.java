package org.diffuse4j.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The parameters of a network as float32 arrays with their shapes, in the network's parameter order. */
public final class NetworkWeights {
    private final List<long[]> shapes;
    private final List<float[]> values;

    /** Copies {@code shapes} and {@code values}; each value array must match its shape's size. */
    public NetworkWeights(List<long[]> shapes, List<float[]> values) {
        if (shapes.size() != values.size()) throw new IllegalArgumentException(shapes.size() + " shapes for " + values.size() + " values");
        this.shapes = new ArrayList<>();
        this.values = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            long n = Arrays.stream(shapes.get(i)).reduce(1, (a, b) -> a * b);
            if (n != values.get(i).length) {
                throw new IllegalArgumentException("parameter " + i + ": shape " + Arrays.toString(shapes.get(i)) + " needs " + n
                        + " values, got " + values.get(i).length);
            }
            this.shapes.add(shapes.get(i).clone());
            this.values.add(values.get(i).clone());
        }
    }

    /** Number of parameter tensors. */
    public int count() { return shapes.size(); }

    /** Shape of parameter i (a copy). */
    public long[] shape(int i) { return shapes.get(i).clone(); }

    /** Values of parameter i (a copy). */
    public float[] values(int i) { return values.get(i).clone(); }

    /** Total number of scalars. */
    public long size() { return values.stream().mapToLong(v -> v.length).sum(); }

    @Override public boolean equals(Object o) {
        if (!(o instanceof NetworkWeights w) || w.count() != count()) return false;
        for (int i = 0; i < count(); i++) {
            if (!Arrays.equals(shapes.get(i), w.shapes.get(i)) || !Arrays.equals(values.get(i), w.values.get(i))) return false;
        }
        return true;
    }

    @Override public int hashCode() {
        int h = 1;
        for (float[] v : values) h = 31 * h + Arrays.hashCode(v);
        return h;
    }
}
