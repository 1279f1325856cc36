package org.loopbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which benchmarks make up each workload: {@code workloads.json} beside this class.
 *
 * <p>TODO(results): when loop-results' workload catalog lands, take the workload-to-benchmark mapping
 * from there and keep only the launch facts (parameters, estimate) here.
 */
final class WorkloadCatalog {

    static final String RESOURCE = "workloads.json";

    private final List<Workload> workloads;

    private WorkloadCatalog(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
    }

    static WorkloadCatalog builtIn() {
        JsonNode root = Json.resource(RESOURCE);
        List<Workload> list = new ArrayList<>();
        for (JsonNode w : root.path("workloads")) {
            try {
                list.add(Json.MAPPER.treeToValue(w, Workload.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(RESOURCE + ": " + e.getOriginalMessage(), e);
            }
        }
        return new WorkloadCatalog(list);
    }

    /** Every workload, in the order a run plays them. */
    List<Workload> all() {
        return workloads;
    }

    List<String> ids() {
        return workloads.stream().map(Workload::id).collect(Collectors.toList());
    }

    /**
     * The named workloads in the catalog's order (a run plays echo before sleep whatever the user typed).
     *
     * @throws IllegalArgumentException for an unknown id, naming the known ones
     */
    List<Workload> select(List<String> ids) {
        for (String id : ids) {
            if (!ids().contains(id)) {
                throw new IllegalArgumentException("unknown workload '" + id + "' (known: " + String.join(", ", ids()) + ")");
            }
        }
        return workloads.stream().filter(w -> ids.contains(w.id())).collect(Collectors.toList());
    }
}
