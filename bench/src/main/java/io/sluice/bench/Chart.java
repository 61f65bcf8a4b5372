package io.sluice.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart of ingest throughput (records/s, log scale, because the targets differ by
 * orders of magnitude), one group per record size, one bar per target at its best concurrency.
 */
final class Chart {
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
        new Color(0xe377c2), new Color(0x7f7f7f)
    };

    private Chart() {
    }

    static void ingest(Results results, List<String> targets, List<Integer> sizes, Path png) throws IOException {
        int width = 960;
        int height = 540;
        int left = 90;
        int right = 20;
        int top = 60;
        int bottom = 90;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("PutRecords ingest, records/s (median, best concurrency; log scale)", left, 30);

        double maxValue = 1;
        for (String target : targets) {
            for (int size : sizes) {
                double v = results.bestIngest(target, size);
                if (!Double.isNaN(v)) {
                    maxValue = Math.max(maxValue, v);
                }
            }
        }
        int decades = (int) Math.ceil(Math.log10(maxValue));
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int d = 0; d <= decades; d++) {
            int y = top + plotHeight - (int) (plotHeight * d / (double) decades);
            g.setColor(new Color(0xdddddd));
            g.setStroke(new BasicStroke(1));
            g.drawLine(left, y, width - right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,d", (long) Math.pow(10, d)), 10, y + 4);
        }

        int groupWidth = (width - left - right) / sizes.size();
        int barWidth = Math.max(8, (groupWidth - 40) / targets.size());
        for (int s = 0; s < sizes.size(); s++) {
            int groupX = left + s * groupWidth + 20;
            for (int t = 0; t < targets.size(); t++) {
                double v = results.bestIngest(targets.get(t), sizes.get(s));
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                int barHeight = (int) (plotHeight * Math.max(0, Math.log10(v)) / decades);
                int x = groupX + t * barWidth;
                g.setColor(COLORS[t % COLORS.length]);
                g.fillRect(x, top + plotHeight - barHeight, barWidth - 4, barHeight);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                g.drawString(compact(v), x, top + plotHeight - barHeight - 4);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(size(sizes.get(s)) + " records", groupX + groupWidth / 2 - 60, top + plotHeight + 20);
        }
        // The legend flows in rows under the groups, each entry as wide as its name.
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = left;
        int y = height - 56;
        for (int t = 0; t < targets.size(); t++) {
            int entryWidth = 20 + g.getFontMetrics().stringWidth(targets.get(t)) + 24;
            if (x > left && x + entryWidth > width - right) {
                x = left;
                y += 22;
            }
            g.setColor(COLORS[t % COLORS.length]);
            g.fillRect(x, y, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(targets.get(t), x + 20, y + 12);
            x += entryWidth;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    static String size(int bytes) {
        return bytes >= 1024 ? (bytes / 1024) + " KiB" : bytes + " B";
    }

    private static String compact(double v) {
        return v >= 1000 ? String.format("%.0fk", v / 1000) : String.format("%.0f", v);
    }
}
