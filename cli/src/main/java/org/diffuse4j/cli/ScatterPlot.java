package org.diffuse4j.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.diffuse4j.api.Tensor;
import org.diffuse4j.models.analytic.GaussianMixture;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG scatter plot of the first two coordinates of the samples over the mixture's modes. */
final class ScatterPlot {
    private ScatterPlot() {}

    static void write(Tensor samples, GaussianMixture mixture, String title, Path png) throws IOException {
        int n = samples.rows();
        int d = samples.rowSize();
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = samples.get(i, 0);
            ys[i] = d > 1 ? samples.get(i, 1) : 0;
        }
        double[][] means = mixture.means();
        double[] mx = new double[means.length], my = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            mx[k] = means[k][0];
            my[k] = d > 1 ? means[k][1] : 0;
        }
        XYChart chart = new XYChartBuilder().width(720).height(720).title(title).xAxisTitle("x₁").yAxisTitle("x₂").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        XYSeries s = chart.addSeries("samples (" + n + ")", xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(31, 119, 180, 90));
        XYSeries m = chart.addSeries("mixture modes", mx, my);
        m.setMarker(SeriesMarkers.DIAMOND);
        m.setMarkerColor(new Color(214, 39, 40));
        String file = png.toString();
        String base = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
}
