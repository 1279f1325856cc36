package org.loopbench.api.tasks;

/** The failure a {@link Work.Fail} task ends with. */
public class WorkFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public WorkFailedException(String message) {
        super(message);
    }
}
