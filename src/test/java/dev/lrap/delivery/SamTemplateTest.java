package dev.lrap.delivery;

import static dev.lrap.delivery.Tools.requireTool;
import static dev.lrap.delivery.Tools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SamTemplateTest {

    /** cfn-lint validates offline, SAM transform included; any finding, warnings too, fails. */
    @Test
    void passesCfnLint() {
        requireTool("cfn-lint");
        Tools.Result lint = run("cfn-lint", "sam/template.yaml");
        assertEquals(0, lint.exitCode(), lint.output());
    }
}
