/**
 * The one owner of a loopbench run's format. Every writer (the harness's forks, the orchestration) and
 * every reader (report, compare) goes through it:
 * <ul>
 *   <li>{@link org.loopbench.results.RunLayout}: the run directory's file names, crash-safe claiming
 *       (never overwriting) and listing;</li>
 *   <li>{@link org.loopbench.results.Stem}: a trial's file name, built from and parsed back to benchmark,
 *       parameters and fork;</li>
 *   <li>{@link org.loopbench.results.TrialRecord}: a trial's sidecar, versioned;</li>
 *   <li>{@link org.loopbench.results.EnvironmentRecord}: the run's environment.json, versioned;</li>
 *   <li>{@link org.loopbench.results.MetricCatalog}: every metric's unit, aggregation, direction,
 *       judgement and resolution, and every workload's ranking figure, as data;</li>
 *   <li>{@link org.loopbench.results.Json}: the single Jackson configuration (strict reading, pretty and
 *       atomic writing); JMH's own JSON is only read.</li>
 * </ul>
 * Compiled for Java 17: it loads in the JDK 17 fork that hosts the Quasar runtime.
 */
package org.loopbench.results;
