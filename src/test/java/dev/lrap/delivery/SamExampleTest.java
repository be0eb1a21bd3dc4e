package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.PROJECT;
import static dev.lrap.delivery.Tools.requireTool;
import static dev.lrap.delivery.Tools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The example functions of sam/template.yaml fit together: the report reads what the tool returns. */
class SamExampleTest {

    /** The state machine's two states without Step Functions and lrap: the tool's result is the report's event. */
    @Test
    void reportReadsTheToolsResult() {
        requireTool("python3");
        ProcessBuilder states = new ProcessBuilder("python3", "-B", "-c", """
                import app, report
                print(report.handler(app.handler({"size": 1000}, None), None))
                """).directory(PROJECT.resolve("sam/example").toFile());

        Tools.Result result = run(states);

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("{'received_content_length': 1000, 'received_content_start': "
                + "'All work and no play makes Jack a dull boy.'}", result.output().strip());
    }
}
