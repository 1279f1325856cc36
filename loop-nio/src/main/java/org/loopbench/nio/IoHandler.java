package org.loopbench.nio;

import java.nio.channels.SelectionKey;

/** What a {@link SelectionKey} is attached to: the code that runs when its channel is ready. */
interface IoHandler {

    /** On the loop thread, when {@code key}'s channel is ready for some of its interest ops. */
    void onReady(SelectionKey key);

    /** On the loop thread, when the loop ends or the handler failed: close the channel now, without waiting. */
    void closeNow();
}
