package org.loopbench.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Reference runtimes (programs outside the JVM) in a ranking: kept apart, the JVM runtimes are ranked as
 * if the references were not there and a reference is never the best, however fast; ranked together (as
 * {@code --rank-references} asks), every runtime is ranked by its figure.
 */
class RankingWithReferencesTest {

    private static final LoadPoint POINT = new LoadPoint("EchoSaturation.messages", Map.of("connections", "100"));
    private static final References APART = new References(Set.of("c-epoll", "py-asyncio", "py-gevent"), false);
    private static final References TOGETHER = new References(Set.of("c-epoll", "py-asyncio", "py-gevent"), true);

    private static Outcome measured(String runtime, double score) {
        Metric m = new Metric("score", score, Double.NaN, "ops/s", List.of(score), 1);
        BenchmarkResult r = new BenchmarkResult("org.loopbench.harness.bench.EchoSaturation.messages", "thrpt",
                Map.of("runtime", runtime, "connections", "100"), "java", "25", m, Map.of());
        return new Outcome(runtime, POINT, Optional.of(r), List.of(), Optional.empty());
    }

    private static Outcome notOffered(String runtime) {
        return new Outcome(runtime, POINT, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), false);
    }

    private static List<Ranking.Row> rank(List<Outcome> outcomes, boolean higherIsBetter, References refs) {
        return Ranking.rank(outcomes, Outcome::score, higherIsBetter, o -> "", NoiseEstimate.of(Map.of()), refs);
    }

    private static List<String> order(List<Ranking.Row> rows) {
        return rows.stream().map(r -> r.outcome().runtime()).collect(Collectors.toList());
    }

    private final List<Outcome> jvm = List.of(measured("threads", 100_000), measured("nio", 180_000),
            measured("netty", 170_000));
    private final List<Outcome> all = List.of(measured("threads", 100_000), measured("nio", 180_000),
            measured("py-asyncio", 90_000), measured("c-epoll", 212_400), measured("netty", 170_000),
            notOffered("py-gevent"));

    @Test
    void theBestJvmRuntimeStaysBestWhenAReferenceIsFaster() {
        List<Ranking.Row> rows = rank(all, true, APART);
        assertEquals(List.of("nio", "netty", "threads", "c-epoll", "py-asyncio", "py-gevent"), order(rows),
                "JVM runtimes first, then the references, best first, then the one that offers nothing here");
        Ranking.Row best = rows.get(0);
        assertEquals(1, best.rank());
        assertFalse(best.reference());
        Ranking.Row cEpoll = rows.get(3);
        assertEquals(0, cEpoll.rank(), "a reference is never ranked among the JVM runtimes");
        assertTrue(cEpoll.reference() && cEpoll.apart());
        assertEquals(212_400 / 180_000.0, cEpoll.vsBest(), 1e-12, "its figure ÷ the best JVM runtime's");
        assertEquals(0.5, rows.get(4).vsBest(), 1e-12);
        Ranking.Row gevent = rows.get(5);
        assertEquals(Outcome.Status.NOT_OFFERED, gevent.outcome().status());
        assertTrue(gevent.reference() && !gevent.apart() && Double.isNaN(gevent.vsBest()));
    }

    @Test
    void theJvmRankingIsExactlyTheOneWithoutReferences() {
        List<Ranking.Row> without = rank(jvm, true, References.none());
        List<Ranking.Row> with = rank(all, true, APART).subList(0, 3);
        assertEquals(without, with, "ranks, ratios and ties of the JVM runtimes do not move");
    }

    @Test
    void lowerIsBetterToo() {
        List<Outcome> latencies = List.of(measured("threads", 1.4), measured("c-epoll", 0.7), measured("nio", 2.0));
        List<Ranking.Row> rows = rank(latencies, false, APART);
        assertEquals(List.of("threads", "nio", "c-epoll"), order(rows));
        assertEquals(1, rows.get(0).rank());
        assertEquals(0.5, rows.get(2).vsBest(), 1e-12, "half the best JVM runtime's latency");
    }

    @Test
    void rankedTogetherWhenTheReaderAsks() {
        List<Ranking.Row> rows = rank(all, true, TOGETHER);
        assertEquals(List.of("c-epoll", "nio", "netty", "threads", "py-asyncio", "py-gevent"), order(rows));
        assertEquals(List.of(1, 2, 3, 4, 5, 0), rows.stream().map(Ranking.Row::rank).collect(Collectors.toList()));
        assertTrue(rows.get(0).reference(), "the best is a reference, and its row says so");
        assertFalse(rows.get(1).reference());
        assertEquals(180_000 / 212_400.0, rows.get(1).vsBest(), 1e-12);
    }

    @Test
    void onlyReferencesMeasuredLeaveNoBestAndNoRatio() {
        List<Ranking.Row> rows = rank(List.of(notOffered("threads"), measured("c-epoll", 5)), true, APART);
        assertEquals(List.of("threads", "c-epoll"), order(rows));
        assertTrue(rows.stream().allMatch(r -> r.rank() == 0));
        assertTrue(Double.isNaN(rows.get(1).vsBest()), "no JVM runtime to compare with");
    }
}
