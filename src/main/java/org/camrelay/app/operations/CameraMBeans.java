package org.camrelay.app.operations;

import java.util.HashMap;
import java.util.Map;

import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ManagementAgent;
import org.camrelay.app.operations.monitor.CameraMonitor;
import org.camrelay.app.operations.monitor.CameraStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers an MXBean per camera while it exists, through Camel's management agent so that the context
 * unregisters them when it stops and its JMX settings ({@code camel.main.jmx-enabled}) apply to them too.
 */
final class CameraMBeans implements CameraMonitor.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(CameraMBeans.class);

    private record Registration(ObjectName name, ManagedCamera bean) {
    }

    private final CamelContext context;
    // confined to the monitor's sampling thread
    private final Map<String, Registration> registered = new HashMap<>();

    CameraMBeans(CamelContext context) {
        this.context = context;
    }

    static ObjectName objectName(String contextName, String camera) throws MalformedObjectNameException {
        return new ObjectName("org.camrelay:context=" + ObjectName.quote(contextName) + ",type=cameras,name="
                + ObjectName.quote(camera));
    }

    @Override
    public void cameraSeen(CameraStatus camera) {
        Registration registration = registered.get(camera.name());
        if (registration != null) {
            registration.bean().update(camera);
            return;
        }
        ManagementAgent agent = context.getManagementStrategy().getManagementAgent();
        if (agent == null) {
            return;
        }
        try {
            ObjectName name = objectName(context.getName(), camera.name());
            ManagedCamera bean = new ManagedCamera(camera);
            agent.register(bean, name);
            registered.put(camera.name(), new Registration(name, bean));
        } catch (JMException e) {
            LOG.warn("Camera '{}' could not be registered in JMX: {}", camera.name(), e.getMessage());
        }
    }

    @Override
    public void cameraGone(String camera) {
        Registration registration = registered.remove(camera);
        ManagementAgent agent = context.getManagementStrategy().getManagementAgent();
        if (registration != null && agent != null) {
            try {
                agent.unregister(registration.name());
            } catch (JMException e) {
                LOG.debug("Camera '{}' could not be unregistered from JMX", camera, e);
            }
        }
    }
}
