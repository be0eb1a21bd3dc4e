package dev.lrap.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A simulator with default settings for each test, and a runtime's calls to it. */
abstract class DefaultSimulator {

    LambdaSimulator simulator;
    ApiCalls runtime;

    @BeforeEach
    void startSimulator() {
        simulator = LambdaSimulator.builder().build().start();
        runtime = new ApiCalls(simulator);
    }

    @AfterEach
    void closeSimulator() {
        simulator.close();
    }
}
