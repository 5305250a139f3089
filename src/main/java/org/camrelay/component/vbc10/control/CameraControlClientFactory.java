package org.camrelay.component.vbc10.control;

import io.netty.channel.EventLoopGroup;
import org.camrelay.component.vbc10.Vbc10Configuration;

/**
 * Makes the camera-facing client of a camera whose endpoint has {@code control} other than {@code none}. The vbc10
 * component uses its built-in clients unless one is set (option {@code controlClientFactory}), e.g. for another
 * camera dialect.
 */
@FunctionalInterface
public interface CameraControlClientFactory {

    /**
     * @param configuration the camera's endpoint options (address, credentials, {@code control} and the rest)
     * @param eventLoops    the component's event loops, for the client's I/O and timers
     * @return a client, not started yet
     */
    CameraControlClient create(Vbc10Configuration configuration, EventLoopGroup eventLoops);
}
