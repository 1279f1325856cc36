package org.loopbench.reference;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.loopbench.api.Availability;
import org.loopbench.api.Capability;
import org.loopbench.api.RuntimeDescription;
import org.loopbench.nativeloop.NativeProgram;

/**
 * loop-native's C epoll echo server as a runtime: the floor every echo figure is read against (what one
 * page of C gets from this machine's kernel), and the same server the instrument's ceiling is calibrated
 * with. One loop per CPU the server may use: the fork's affinity, which the child inherits. Echo only.
 */
final class CEpollProgram implements ReferenceProgram {

    /** Whether a C compiler is here; the server is compiled at first use, into the build directory. */
    @Override
    public Availability availability() {
        return NativeProgram.compiler(System.getenv()).isPresent() ? Availability.yes()
                : Availability.no("install a C compiler (Debian: apt-get install gcc); $CC is unset and there is no cc on the PATH");
    }

    @Override
    public List<String> commandLine(String command, List<String> options) {
        if (!command.equals("echo")) {
            throw new UnsupportedOperationException("c-epoll offers only the echo workload, not " + command);
        }
        List<String> line = new ArrayList<>();
        line.add(NativeProgram.ECHO_SERVER.executable().toString());
        line.addAll(options);
        return line;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ECHO);
    }

    @Override
    public RuntimeDescription describe(String id) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kind", "reference, not a JVM runtime");
        settings.put("program", "loop-native/src/main/c/echo-server.c, " + String.join(" ", NativeProgram.FLAGS));
        settings.put("process", "a child of the JVM fork, which starts it, reads its answers and measures it");
        return new RuntimeDescription(id, "C epoll event loop, one per server CPU",
                RuntimeDescription.currentJdk() + " (hosts the child)",
                "epoll, level-triggered; the listener shared with EPOLLEXCLUSIVE",
                "one loop thread per CPU the server may use (sched_getaffinity)", settings);
    }
}
