package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.PROJECT;
import static dev.lrap.delivery.Tools.requireTool;
import static dev.lrap.delivery.Tools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class WorkflowLintTest {

    /** action-validator checks a workflow against GitHub's schema, offline, one file per call. */
    @TestFactory
    Stream<DynamicTest> workflowsAreValid() throws IOException {
        requireTool("action-validator");
        return Files.list(PROJECT.resolve(".github/workflows")).sorted().map(workflow -> dynamicTest(
                workflow.getFileName().toString(), () -> {
                    Tools.Result validation = run("action-validator", workflow.toString());
                    assertEquals(0, validation.exitCode(), validation.output());
                }));
    }
}
