package dev.lrap.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The results of a run as markdown: the goals with pass or miss first, then one table per measurement, with its notes. */
public final class Report {

    /** A goal of the project and how this run measured up to it. */
    private record Goal(String goal, String measured, boolean met) {

        String[] cells() {
            return new String[] { goal, measured, met ? "pass" : "**miss**" };
        }
    }

    private final List<String> context = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    /** A line about the run itself: machine, load, mode. */
    public void context(String line) {
        context.add(line);
    }

    /**
     * Judges a goal.
     *
     * @param measured the figure the verdict rests on, as it should read
     */
    public void goal(String goal, String measured, boolean met) {
        goals.add(new Goal(goal, measured, met));
    }

    public Section section(String title, String... columns) {
        Section section = new Section(title, columns);
        sections.add(section);
        return section;
    }

    public String markdown() {
        StringBuilder markdown = new StringBuilder("# lrap benchmarks\n\n");
        context.forEach(line -> markdown.append("- ").append(line).append('\n'));
        markdown.append("\n## Goals\n\n");
        if (goals.isEmpty()) {
            markdown.append("No goal is judged by the benchmarks of this run.\n");
        } else {
            table(markdown, new String[] { "goal", "measured", "verdict" }, goals.stream().map(Goal::cells).toList());
        }
        if (goals.stream().anyMatch(goal -> !goal.met())) {
            markdown.append("\nWhere lrap's time goes: its CPU per invocation in the latency table and, with "
                    + "-Dbench.profile, its CPU profiles below; bench/README.md explains the misses measured so far.\n");
        }
        sections.forEach(section -> section.appendTo(markdown));
        return markdown.toString();
    }

    /** Milliseconds with microsecond resolution. */
    public static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share);
    }

    /** Bytes in the unit people say: 1 KiB, 64 KiB, 1.5 MiB. */
    public static String size(long bytes) {
        return bytes >= 1 << 20 ? number(bytes / (double) (1 << 20)) + " MiB" : number(bytes / 1024.0) + " KiB";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void table(StringBuilder markdown, String[] columns, List<String[]> rows) {
        Stream.concat(Stream.of(columns, Arrays.stream(columns).map(column -> "---").toArray(String[]::new)), rows.stream())
                .forEach(cells -> markdown.append(Arrays.stream(cells).collect(Collectors.joining(" | ", "| ", " |\n"))));
    }

    /** One measurement's table. */
    public static final class Section {

        private final String title;
        private final String[] columns;
        private final List<String[]> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Section(String title, String[] columns) {
            this.title = title;
            this.columns = columns;
        }

        public Section row(Object... cells) {
            if (cells.length != columns.length) {
                throw new IllegalArgumentException(title + " has " + columns.length + " columns, not " + cells.length);
            }
            rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
            return this;
        }

        /** How the figures were taken, or what they mean. */
        public Section note(String text) {
            notes.add(text);
            return this;
        }

        private void appendTo(StringBuilder markdown) {
            markdown.append("\n## ").append(title).append("\n\n");
            if (!rows.isEmpty()) {
                table(markdown, columns, rows);
                markdown.append('\n');
            }
            notes.forEach(note -> markdown.append("- ").append(note).append('\n'));
        }
    }
}
