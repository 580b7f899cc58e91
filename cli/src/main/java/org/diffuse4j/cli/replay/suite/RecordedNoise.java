package org.diffuse4j.cli.replay.suite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.diffuse4j.api.NoiseSource;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.cli.replay.ReplayException;

/**
 * A case's recorded scheduler draws: raw little-endian float32 values, concatenated in consumption order,
 * each draw row-major in its shape; widened to double and replayed through {@link NoiseSource#replay}.
 */
final class RecordedNoise {
    private RecordedNoise() {}

    /** The recorded draws of {@code trace}, read from the file beside cases.json. */
    static List<Tensor> draws(SuiteCase.NoiseTrace trace, Path suiteDir) {
        Path file = suiteDir.resolve(trace.file());
        if (!Files.isRegularFile(file)) throw new ReplayException("noise trace " + trace.file() + " not found beside cases.json");
        long needed = 0;
        for (int[] s : trace.shapes()) needed += size(s);
        if (needed != trace.floatsUsed()) {
            throw new ReplayException("noise trace: the draws' shapes hold " + needed + " floats but floats_used = " + trace.floatsUsed());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < needed * 4) {
                throw new ReplayException("noise trace " + trace.file() + " has " + ch.size() / 4 + " floats, " + needed + " needed");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (needed * 4)).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining() && ch.read(buf) >= 0) { /* fill */ }
            buf.flip();
            List<Tensor> out = new ArrayList<>(trace.shapes().size());
            for (int[] s : trace.shapes()) {
                double[] v = new double[size(s)];
                for (int i = 0; i < v.length; i++) v[i] = buf.getFloat(); // float32 widened exactly
                out.add(Tensor.of(s, v));
            }
            return out;
        } catch (IOException e) {
            throw new ReplayException("cannot read noise trace " + file + ": " + e.getMessage());
        }
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }
}
