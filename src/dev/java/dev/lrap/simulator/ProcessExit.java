package dev.lrap.simulator;

import java.time.Duration;

/**
 * How a launched process ended when the simulator shut down.
 *
 * @param name the process' name: {@code runtime}, or the extension's file name
 * @param exitCode its exit code
 * @param afterShutdownEvent how long after the SHUTDOWN event it exited; negative when it exited before
 *        (the runtime, which gets its SIGTERM first, usually does)
 * @param killed whether it outlived Lambda's shutdown budget and had to be killed
 */
public record ProcessExit(String name, int exitCode, Duration afterShutdownEvent, boolean killed) {
}
