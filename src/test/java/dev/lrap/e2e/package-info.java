/**
 * End-to-end tests with every real part: each test class sets up one or more Lambda execution environments
 * ({@link dev.lrap.e2e.LambdaEnvironment}) in which the project's Lambda simulator starts the unpacked layer's
 * {@code extensions/lrap}, waits for it to register, and then starts AWS's Java runtime interface client through the
 * layer's wrapper to run a function from {@link dev.lrap.e2e.functions}. lrap offloads to a DynamoDB Local embedded
 * in the test JVM.
 * <p>
 * They run in {@code verify}, after {@code package} has built the layer:
 * {@code ./mvnw verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='dev.lrap.e2e.*IT'}. Add
 * {@code -DexcludedGroups=slow} to leave out the test that idles for over a minute.
 */
package dev.lrap.e2e;
